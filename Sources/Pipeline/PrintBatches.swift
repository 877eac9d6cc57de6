import Emit
import Foundation

/// Sends a published run's notice batches to a CUPS printer.
public enum PrintBatches {
    /// - Parameters:
    ///   - run: `latest`, a run folder name under `runs/`, or a path to a run folder.
    ///   - community: a community code (any length form), or nil with `all`.
    public static func execute(out: String, run: String, community: String?, printer: String, copies: Int) throws(RunError) -> [String] {
        let root = URL(fileURLWithPath: out)
        var folder = run == "latest" ? root.appendingPathComponent("latest") : root.appendingPathComponent("runs").appendingPathComponent(run)
        if run.contains("/") { folder = URL(fileURLWithPath: run) }
        let batches = folder.appendingPathComponent("batches")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: batches.path) else {
            throw .configuration("\(batches.path): no notice batches here; was the run published with rendering on?")
        }
        var files = names.filter { $0.hasSuffix(".pdf") }.sorted()
        if let community {
            let digits = community.padding(toLength: 12, withPad: "0", startingAt: 0)
            files = files.filter { $0.contains(digits) }
            guard !files.isEmpty else { throw .configuration("no batch for community \(community) in \(batches.path)") }
        }
        guard !files.isEmpty else { return ["no batches to print in \(batches.path)"] }
        do {
            let urls = files.map { batches.appendingPathComponent($0) }
            let jobs = try Printer.send(files: urls, printer: printer, copies: copies, title: "riskscreen \(folder.resolvingSymlinksInPath().lastPathComponent)")
            return zip(files, jobs).map { "\($0): job \(printer)-\($1)" }
        } catch let error as PrintError {
            throw .inputRejected(error.description)
        } catch {
            throw RunError.from(error)
        }
    }
}
