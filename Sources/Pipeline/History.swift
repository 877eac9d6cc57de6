import Foundation
import Lifecycle
import RiskModel

/// The committed runs of a store with their inputs, rule-file hashes and counts.
public enum History {
    public static func execute(state: String, warn: (Message) -> Void = { _ in }) throws(RunError) -> [Message] {
        do {
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration(CommandText.noStore(["path": state])) }
            let store = try Store.opened(state, warn: warn)
            var out: [Message] = []
            for run in try store.runs() {
                out.append(CommandText.historyRun([
                    "run": Int(run.id ?? 0), "as_of": run.asOf, "forced": run.forced ? CommandText.forced().messageValue : .none,
                    "measures": run.measures, "new": run.newCount, "amended": run.amendedCount, "continuing": run.continuingCount,
                    "rescinded": run.rescindedCount, "rejects": run.rejects,
                ]))
                out.append(CommandText.historyPolicy(["file": run.policyFile, "sha": run.policySHA256]))
                out.append(CommandText.historyRegions(["file": run.regionsFile, "sha": run.regionsSHA256]))
                for input in try store.inputs(of: run.id ?? 0) {
                    out.append(CommandText.historyInput([
                        "kind": RunText.feedKind(input.kind), "file": input.path, "sha": input.sha256, "counts": Message.Value.clauses([
                            RunText.countRead(["n": input.read]), RunText.countAccepted(["n": input.accepted]),
                            RunText.countRejected(["n": input.rejected]), RunText.countDuplicates(["n": input.duplicates]),
                        ]),
                    ]))
                }
            }
            if out.isEmpty { out.append(CommandText.noRuns()) }
            return out
        } catch {
            throw RunError.from(error)
        }
    }
}
