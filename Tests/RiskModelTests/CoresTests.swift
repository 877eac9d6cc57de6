import RiskModel
import Testing

/// Work split over the cores comes back as if done on one.
@Suite struct CoresTests {
    /// Two passes over the same rows run side by side, and each result comes back in its own place.
    @Test func bothReturnsEachPassResultInItsPlace() {
        let rows = Array(1...100_000)
        let (evens, odds) = rows.withUnsafeBufferPointer { rows in
            Cores.both({ rows.reduce(0) { $1 % 2 == 0 ? $0 + $1 : $0 } }, { rows.reduce(0) { $1 % 2 == 1 ? $0 + $1 : $0 } })
        }
        #expect(evens == 2_500_050_000 && odds == 2_500_000_000)
    }
}
