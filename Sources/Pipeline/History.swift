import Foundation
import Lifecycle

/// The committed runs of a store with their inputs, rule-file hashes and counts.
public enum History {
    public static func execute(state: String, warn: (String) -> Void = { _ in }) throws(RunError) -> [String] {
        do {
            guard FileManager.default.fileExists(atPath: state) else { throw RunError.configuration("\(state): no state store here") }
            let store = try Store.opened(state, warn: warn)
            var out: [String] = []
            for run in try store.runs() {
                out.append("run \(run.id ?? 0) as-of \(run.asOf)\(run.forced ? " (forced)" : ""): \(run.measures) measures (\(run.newCount) new, \(run.amendedCount) amended, \(run.continuingCount) continuing, \(run.rescindedCount) rescinded), \(run.rejects) rejects")
                out.append("  policy \(run.policyFile) sha256 \(run.policySHA256)")
                out.append("  regions \(run.regionsFile) sha256 \(run.regionsSHA256)")
                for input in try store.inputs(of: run.id ?? 0) {
                    out.append("  \(input.kind) \(input.path) sha256 \(input.sha256): \(input.read) read, \(input.accepted) accepted, \(input.rejected) rejected, \(input.duplicates) duplicates")
                }
            }
            if out.isEmpty { out.append("no committed runs") }
            return out
        } catch {
            throw RunError.from(error)
        }
    }
}
