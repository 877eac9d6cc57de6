import Foundation
import Ingest
import Normalize
import RiskModel
import Testing
import TestSupport

/// Inputs found by the fuzz targets (`scripts/fuzz.sh`, docs/fuzzing.md), kept under `fixtures/fuzz/TARGET/`,
/// fed through the same API as the target that found them.
@Suite struct FuzzRegressionTests {
    static let fuzzFixtures = fixtures.appendingPathComponent("fuzz")

    /// `policy`: input on which toml++ (inside TOMLKit) fails an assertion and aborts the process, where the
    /// contract wants an error naming the file and the place (SPEC 1.5, exit 1): a table header whose key
    /// starts with neither a bare-key character nor a quote (the first: a level's header typed as its Chinese
    /// name), a value that is a date, a space and one digit, a date and time without its time, and a `}` where
    /// an array's element should start; and what toml++ takes for a date (ten characters, `-` fifth and eighth, a
    /// control character among them) followed by a space and one digit.
    @Test(arguments: [
        ("header-starts-with-chinese.toml", 7, 3, "table header"),
        ("header-starts-with-control-char.toml", 1, 2, "table header"),
        ("date-space-one-digit.toml", 7, 7, "date"),
        ("date-space-one-digit-min.toml", 1, 3, "date"),
        ("date-time-without-time.toml", 13, 18, "date"),
        ("date-time-without-time-min.toml", 1, 3, "date"),
        ("brace-in-array.toml", 2, 31, "array"),
        ("brace-in-array-min.toml", 1, 4, "array"),
        ("loose-date-space-one-digit.toml", 1, 18, "date"),
        ("loose-date-space-one-digit-min.toml", 1, 3, "date"),
    ])
    func policyThatAbortedTomlIsAnError(fixture: String, line: Int, column: Int, about: String) throws {
        let path = Self.fuzzFixtures.appendingPathComponent("policy").appendingPathComponent(fixture).path
        let error = #expect(throws: PolicyError.self) { try Policy.load(path: path) }
        guard case let .malformed(file, foundLine, foundColumn, message) = error else {
            Issue.record("expected a TOML syntax error, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect((foundLine, foundColumn) == (line, column))
        #expect(message.text(in: .english).contains(about))
        #expect(error?.description.hasPrefix("\(path):\(line):\(column): not valid TOML") == true)
    }

    /// `policy`: a top-level key that is empty (`''.a = 14`, a quoted empty key, with NUL bytes further on) was
    /// reported with an empty key (`: unknown key`); every problem must name its key, an empty one as `""`.
    @Test func anEmptyKeyIsNamed() throws {
        let path = Self.fuzzFixtures.appendingPathComponent("policy").appendingPathComponent("empty-quoted-key.toml").path
        let error = #expect(throws: PolicyError.self) { try Policy.load(path: path) }
        guard case let .invalid(_, problems) = error else {
            Issue.record("expected invalid keys, got \(String(describing: error))")
            return
        }
        #expect(problems.allSatisfy { !$0.key.isEmpty }, "\(problems)")
        #expect(problems.contains { $0.key == "\"\"" }, "\(problems)")
    }

    /// `chunks`: a travel feed whose header ends with a lone CR and whose record follows on the same physical
    /// line (no LF): the record is dropped with the header's line and the file reads as holding no record,
    /// with no reject (see IngestTests' FuzzRegressionTests). The record must be read, or the file refused.
    @Test func aTravelRecordAfterAHeaderEndingInALoneCRIsRead() throws {
        let path = Self.fuzzFixtures.appendingPathComponent("chunks").appendingPathComponent("header-ends-with-lone-cr-min.csv").path
        let input = FeedInput(feed: "travel", path: path)
        do {
            let batch = try TravelFeed.read([input], workers: .one)
            let report = try #require(batch.reports.first)
            #expect(report.read == 1 && batch.stays.count + batch.rejects.count == 1, "\(report)")
        } catch {
            #expect("\(error)".contains(path), "an error that does not name the file: \(error)")
        }
    }
}
