import Foundation
import Lifecycle
import RiskModel

/// Removes personal data the office no longer needs, keeping the counts.
public enum Purge {
    public static func execute(state: String, before: Day, warn: (Message) -> Void = { _ in }) throws(RunError) -> [Message] {
        do {
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration(CommandText.noStore(["path": state])) }
            let lock = try RunLock(statePath: state)
            defer { withExtendedLifetime(lock) {} }
            let store = try Store.opened(state, warn: warn)
            _ = try store.upgradePackedFiles()
            let report = try store.purge(before: before, workers: RunSettings.defaultWorkers)
            let merged = report.filesMerged > 1 && report.staysKept > 0
                ? CommandText.purgeMerged(["files": report.filesMerged]).messageValue : .none
            return [CommandText.purgeStays(["removed": report.staysRemoved, "before": before, "replaced": report.staysReplaced,
                                            "kept": report.staysKept, "merged": merged]),
                    CommandText.purgeNotices(["notices": report.noticesAnonymised, "before": before])]
        } catch {
            throw RunError.from(error)
        }
    }
}
