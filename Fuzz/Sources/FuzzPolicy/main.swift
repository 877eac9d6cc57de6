import FuzzSupport
import Normalize
import RiskModel

/// The policy loader (SPEC 1.5): `Policy.load(path:)` on the input as a file. Either a policy with all three
/// levels and days in range, or a `PolicyError` naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzInput.write(data, size, name: "policy.toml")
    do {
        let policy = try Policy.load(path: path)
        FuzzInput.check(policy.lookbackDays >= 0 && policy.lookbackDays <= 3660, "lookback_days \(policy.lookbackDays)")
        FuzzInput.check(policy.levels.count == 3, "\(policy.levels.count) levels")
        for (level, rule) in policy.levels {
            FuzzInput.check(rule.days >= 1 && rule.days <= 3660, "levels.\(level.code).days \(rule.days)")
        }
    } catch {
        let text = error.description
        FuzzInput.check(text.contains(path), "an error that does not name the file: \(text)")
        if case let .invalid(_, problems) = error {
            FuzzInput.check(!problems.isEmpty, "invalid with no problems")
            for p in problems { FuzzInput.check(!p.key.isEmpty && !p.message.description.isEmpty, "a problem without key or message") }
        }
    }
    return 0
}
