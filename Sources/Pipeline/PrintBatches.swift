import Emit
import Foundation
import Ingest
import RiskModel

/// Sends a published run's notice batches to a CUPS printer.
public enum PrintBatches {
    /// - Parameters:
    ///   - out: the output folder of the runs (`--out`, or the config's `out`); nil when `run` is a path.
    ///   - run: `latest`, a run folder's name (`000002-2020-02-07`), its number (`2`), or a path to a run folder, relative to
    ///     the working folder or to `out` (`runs/000002-2020-02-07`).
    ///   - community: a community code (any length form) or name (as in `batches/index.csv`), or nil with `all`.
    public static func execute(out: String?, run: String, community: String?, printer: String, copies: Int) throws(RunError) -> [Message] {
        let folder = try runFolder(out: out, run: run)
        let batches = folder.appendingPathComponent("batches")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: batches.path) else {
            throw .configuration(CommandText.noBatches(["path": batches.path]))
        }
        var files = names.filter { $0.hasSuffix(".pdf") }.sorted()
        if let community {
            files = try batchFiles(for: community, in: batches, among: files)
        }
        guard !files.isEmpty else { return [CommandText.nothingToPrint(["path": batches.path])] }
        do {
            let urls = files.map { batches.appendingPathComponent($0) }
            let jobs = try Printer.send(files: urls, printer: printer, copies: copies, title: "riskscreen \(folder.resolvingSymlinksInPath().lastPathComponent)")
            return zip(files, jobs).map { CommandText.printed(["file": $0, "job": "\(printer)-\($1)"]) }
        } catch {
            throw RunError.from(error)
        }
    }

    /// The run folder `run` names: a folder that exists as given, else one of `out`'s (`latest`, a path inside `out`,
    /// a name under `runs/` or `previews/`, or a run number).
    static func runFolder(out: String?, run: String) throws(RunError) -> URL {
        var tried: [String] = []
        func candidate(_ url: URL) -> URL? {
            tried.append(url.path)
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue ? url : nil
        }
        if run != "latest", let found = candidate(URL(fileURLWithPath: run)) { return found }
        if let out {
            let root = URL(fileURLWithPath: out)
            var names = [run, "runs/" + run, "previews/" + run]
            // A run number: the folder whose name starts with it, zero-padded (`2` → `000002-2020-02-07`).
            if let number = Int(run), number > 0 {
                let prefix = String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number) + "-"
                let runs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("runs").path)) ?? []
                names = runs.filter { $0.hasPrefix(prefix) }.sorted().map { "runs/" + $0 } + names
            }
            for name in names {
                if let found = candidate(root.appendingPathComponent(name)) { return found }
            }
        } else if run == "latest" || !run.contains("/") {
            throw .configuration(CommandText.printNeedsOut(["run": run]))
        }
        throw .configuration(CommandText.noSuchRun(["run": run, "tried": Message.Value.lines(tried.map { RejectPartText.indented(["line": $0]) })]))
    }

    /// The batch of a community given by code or by name: from `batches/index.csv` where the run has one, else by
    /// the code in the file name.
    static func batchFiles(for community: String, in batches: URL, among files: [String]) throws(RunError) -> [String] {
        let wanted = community.trimmingCharacters(in: .whitespaces)
        let digits = wanted.allSatisfy(\.isNumber) ? wanted.padding(toLength: 12, withPad: "0", startingAt: 0) : nil
        let index = batches.appendingPathComponent(BatchIndex.fileName)
        if FileManager.default.fileExists(atPath: index.path) {
            let rows = try indexRows(index.path)
            let matching = rows.filter { row in
                if let digits { return row.code == digits }
                return row.name == wanted || ColumnMapping.comparable(row.name) == ColumnMapping.comparable(wanted)
            }
            guard !matching.isEmpty else {
                throw .configuration(CommandText.noSuchCommunity(["community": wanted, "path": batches.path,
                                                                  "known": rows.map { row in
                                                                      CommandText.community(["code": row.code, "name": row.name])
                                                                  }]))
            }
            return matching.map(\.file)
        }
        let found = digits.map { d in files.filter { $0.contains(d) } } ?? []
        guard !found.isEmpty else { throw .configuration(CommandText.noBatchFor(["community": wanted, "path": batches.path])) }
        return found
    }

    /// The rows of a run's `batches/index.csv`.
    static func indexRows(_ path: String) throws(RunError) -> [(code: String, name: String, file: String)] {
        let schema = FeedSchema(kind: "batch_index", columns: [
            ColumnSpec("community_code", aliases: [], required: true), ColumnSpec("community_name", aliases: [], required: true),
            ColumnSpec("file", aliases: [], required: true),
        ])
        var rows: [(code: String, name: String, file: String)] = []
        do {
            let reader = try FeedReader(input: FeedInput(feed: "batches", path: path), schema: schema)
            try reader.forEachRecord { record in rows.append((record.string(0), record.string(1), record.string(2))) }
        } catch {
            throw RunError.from(error)
        }
        return rows
    }
}
