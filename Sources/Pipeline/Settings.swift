import Foundation
import Ingest
import Machinery
import Normalize
import RiskModel
import TOMLKit

/// Everything a run needs, from flags and the config file (`--config riskscreen.toml`); flags win.
public struct RunSettings: Sendable {
    public var asOf: Day?
    public var policy: String?
    public var regions: FeedInput?
    public var residents: [FeedInput] = []
    public var travel: [FeedInput] = []
    public var out: String?
    public var state: String?
    public var dryRun = false
    public var allowEmpty = false
    public var force = false
    public var maxRejectRate = 0.01
    public var render = true
    /// Folder of Mustache templates for the notices; nil uses the ones installed with the program.
    public var templates: String?
    /// CSV of grid workers (community_code, grid_id, name, phone).
    public var contacts: String?
    /// The issuing authority and public hotline printed on notices; unset, the notices leave a line to fill in.
    public var authority: String?
    public var hotline: String?
    public var retentionDays: Int?
    /// As-of days a notice may await delivery feedback after its issue before it is overdue (SPEC 8).
    public var deliveryDays = 1
    /// The config's `gazetteer` files (SPEC 10 source 2): `code,name` of a district's streets and communities.
    public var gazetteer: [FeedInput] = []
    /// The longest field a feed row may have (SPEC 1.1); `applyFieldLimit()` hands it to every input.
    public var maxFieldBytes = FeedInput.defaultMaxFieldBytes
    /// Print ID numbers whole on worklists, cover and rescission lists; by default they are masked as on the notices.
    public var fullIDsOnGridLists = false
    /// How many threads the run spreads its work over: `RISKSCREEN_THREADS` when set, else one per core.
    public var workers = RunSettings.defaultWorkers

    public init() {}

    /// One thread per core, or `RISKSCREEN_THREADS` of them, however many cores there are (1 reads every file in one
    /// pass and screens on one core; 3 on a one-core machine still reads in chunks, as the tests need).
    public static var defaultWorkers: Workers {
        if let text = ProcessInfo.processInfo.environment["RISKSCREEN_THREADS"], let wanted = Int(text), wanted >= 1 {
            return Workers(wanted)
        }
        return .online
    }

    /// The input for a file named on the command line: its feed name is the file name without extension.
    public static func input(path: String, encoding: TextEncoding = .auto) -> FeedInput {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return FeedInput(feed: name, path: path, encoding: encoding)
    }

    /// Reads a config file; relative paths in it are relative to the file's folder.
    ///
    /// Unknown keys are errors naming the key, so a typo never silently changes a run.
    public static func load(config path: String) throws(RunError) -> RunSettings {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .configuration("\(path): cannot read the config file: \(error.localizedDescription)")
        }
        if let problem = TOMLPreflight.problem(in: text) {
            // toml++ would abort the process here instead of reporting it.
            throw .configuration("\(path):\(problem.line):\(problem.column): not valid TOML: \(problem.message)")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch {
            throw .configuration("\(path): not valid TOML: \(error)")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : base.appendingPathComponent(p).path }
        var s = RunSettings()
        var problems: [String] = []
        func string(_ t: TOMLTable, _ key: String, _ where_: String) -> String? {
            guard let v = t[key] else { return nil }
            guard let s = v.string else { problems.append("\(where_)\(key): expected a string"); return nil }
            return s
        }
        let known: Set<String> = ["as_of", "policy", "regions", "regions_encoding", "out", "state", "max_reject_rate", "allow_empty",
                                  "render", "templates", "contacts", "authority", "hotline", "retention_days", "gazetteer", "max_field_bytes",
                                  "full_ids_on_grid_lists", "delivery_days", "feeds"]
        for key in table.keys where !known.contains(key) {
            problems.append("\(key): unknown key (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let v = string(table, "as_of", "") {
            if let d = Day(iso: v) { s.asOf = d } else { problems.append("as_of: \"\(v)\" is not a YYYY-MM-DD date") }
        }
        s.policy = string(table, "policy", "").map(resolve)
        if let r = string(table, "regions", "") {
            var input = input(path: resolve(r))
            if let e = string(table, "regions_encoding", "") {
                if let enc = TextEncoding(configValue: e) { input.encoding = enc } else { problems.append("regions_encoding: \"\(e)\" is not utf-8, gb18030 or auto") }
            }
            s.regions = input
        }
        s.out = string(table, "out", "").map(resolve)
        s.state = string(table, "state", "").map(resolve)
        if let v = table["max_reject_rate"] {
            if let d = v.double ?? v.int.map(Double.init), (0...1).contains(d) { s.maxRejectRate = d } else { problems.append("max_reject_rate: expected a fraction between 0 and 1") }
        }
        if let v = table["allow_empty"] { if let b = v.bool { s.allowEmpty = b } else { problems.append("allow_empty: expected true or false") } }
        if let v = table["render"] { if let b = v.bool { s.render = b } else { problems.append("render: expected true or false") } }
        s.templates = string(table, "templates", "").map(resolve)
        s.contacts = string(table, "contacts", "").map(resolve)
        if let v = string(table, "authority", "") { s.authority = v }
        if let v = string(table, "hotline", "") { s.hotline = v }
        if let v = table["max_field_bytes"] {
            if let n = v.int, (256...(1 << 20)).contains(n) { s.maxFieldBytes = n } else {
                problems.append("max_field_bytes: expected a whole number of bytes from 256 to 1048576")
            }
        }
        if let v = table["full_ids_on_grid_lists"] {
            if let b = v.bool { s.fullIDsOnGridLists = b } else { problems.append("full_ids_on_grid_lists: expected true or false") }
        }
        if let v = table["retention_days"] { if let n = v.int, n > 0 { s.retentionDays = n } else { problems.append("retention_days: expected a positive whole number") } }
        if let v = table["gazetteer"] {
            // One file or a list, read in order (a later file wins for the same code).
            let files = v.string.map { [$0] } ?? v.array?.compactMap { $0.string }
            if let files, files.count == (v.array?.count ?? 1) {
                s.gazetteer = files.map { FeedInput(feed: "gazetteer", path: resolve($0)) }
            } else {
                problems.append("gazetteer: expected a file name or a list of them, like [\"streets.csv\"]")
            }
        }
        if let v = table["delivery_days"] {
            if let n = v.int, (0...365).contains(n) { s.deliveryDays = n } else { problems.append("delivery_days: expected a whole number of days from 0 to 365") }
        }
        if let feeds = table["feeds"] {
            guard let feeds = feeds.table else { throw .configuration("\(path): feeds: expected tables like [feeds.rail]") }
            for name in feeds.keys.sorted() {
                guard let feed = feeds[name]?.table else { problems.append("feeds.\(name): expected a table"); continue }
                let prefix = "feeds.\(name)."
                for key in feed.keys where !["kind", "path", "encoding", "columns", "name"].contains(key) {
                    problems.append("\(prefix)\(key): unknown key (known: kind, path, encoding, name, columns)")
                }
                guard let p = string(feed, "path", prefix) else { problems.append("\(prefix)path: missing"); continue }
                var input = FeedInput(feed: string(feed, "name", prefix) ?? name, path: resolve(p))
                if let e = string(feed, "encoding", prefix) {
                    if let enc = TextEncoding(configValue: e) { input.encoding = enc } else { problems.append("\(prefix)encoding: \"\(e)\" is not utf-8, gb18030 or auto") }
                }
                if let columns = feed["columns"]?.table {
                    for column in columns.keys { if let h = string(columns, column, "\(prefix)columns.") { input.columnMap[column] = h } }
                }
                switch string(feed, "kind", prefix) {
                case "travel": s.travel.append(input)
                case "residents": s.residents.append(input)
                case let other: problems.append("\(prefix)kind: \(other.map { "\"\($0)\"" } ?? "missing"); expected \"travel\" or \"residents\"")
                }
            }
        }
        guard problems.isEmpty else {
            throw .configuration("\(path): " + (problems.count == 1 ? problems[0] : "\n  " + problems.joined(separator: "\n  ")))
        }
        s.applyFieldLimit()
        return s
    }

    /// Gives every feed input (the rule file, residents, travel) the field length limit, once flags have added theirs.
    public mutating func applyFieldLimit() {
        regions?.maxFieldBytes = maxFieldBytes
        for i in residents.indices { residents[i].maxFieldBytes = maxFieldBytes }
        for i in travel.indices { travel[i].maxFieldBytes = maxFieldBytes }
    }

    /// The settings for a run, with every required one present.
    func validated() throws(RunError) -> (asOf: Day, policy: String, regions: FeedInput, out: URL, state: String) {
        var missing: [String] = []
        if policy == nil { missing.append("--policy") }
        if regions == nil { missing.append("--regions") }
        if out == nil { missing.append("--out") }
        if state == nil { missing.append("--state") }
        guard missing.isEmpty, let policy, let regions, let out, let state else {
            throw .configuration("missing \(missing.joined(separator: ", ")) (give them as flags or in the config file)")
        }
        return (asOf ?? RunSettings.todayInShanghai(), policy, regions, URL(fileURLWithPath: out), state)
    }

    /// Today's date in Asia/Shanghai, the default as-of date.
    public static func todayInShanghai() -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(number: 0)
    }
}
