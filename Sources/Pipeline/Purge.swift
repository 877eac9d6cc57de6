import Foundation
import Lifecycle
import RiskModel

/// Removes personal data the office no longer needs, keeping the counts.
public enum Purge {
    public static func execute(state: String, before: Day, warn: (String) -> Void = { _ in }) throws(RunError) -> [String] {
        do {
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration("\(state): no state store here") }
            let lock = try RunLock(statePath: state)
            defer { withExtendedLifetime(lock) {} }
            let store = try Store.opened(state, warn: warn)
            _ = try store.upgradePackedFiles()
            let report = try store.purge(before: before, workers: RunSettings.defaultWorkers)
            let files = report.filesMerged > 1 && report.staysKept > 0 ? ", now in one file instead of \(report.filesMerged)" : ""
            return ["removed \(report.staysRemoved) stays that ended before \(before) and \(report.staysReplaced) that later records "
                    + "had replaced (\(report.staysKept) kept\(files))",
                    "removed names, phones and addresses from \(report.noticesAnonymised) notices whose measure ended before \(before)"]
        } catch {
            throw RunError.from(error)
        }
    }
}
