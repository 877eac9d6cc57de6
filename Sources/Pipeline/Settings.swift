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
    /// The config's `language` (SPEC 11); the executable has chosen the process's language by the time it is read.
    public var language: Language?
    /// Whether the config listed any feeds (`[feeds.NAME]`), for the choice between them and the command line's.
    public var configFeeds = false
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

    /// A day as a flag or the config gives it, in any form SPEC 1.1 accepts for feeds (`2020-02-06`, `2020-2-6`,
    /// `2020/2/6`, `2020.2.6`, `20200206`, `2020年2月6日`, full-width digits); nil when it is no real day.
    public static func day(_ text: String) -> Day? {
        try? Fields.date(Array(text.utf8))
    }

    /// The `language` of a config file, read before anything else so that `--help` and every message of the
    /// command are in it (SPEC 11); nil when the file cannot be read or sets none (the full load reports why).
    public static func language(config path: String) -> Language? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), TOMLPreflight.problem(in: text) == nil,
              let table = try? TOMLTable(string: text), let value = table["language"]?.string else { return nil }
        return Language(code: value)
    }

    /// Reads a config file; relative paths in it are relative to the file's folder.
    ///
    /// Unknown keys are errors naming the key, so a typo never silently changes a run.
    public static func load(config path: String) throws(RunError) -> RunSettings {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .configuration(RunText.configUnreadable(["path": path, "reason": SystemText.reason(of: error)]))
        }
        if let problem = TOMLPreflight.problem(in: text) {
            // toml++ would abort the process here instead of reporting it.
            throw .configuration(RunText.configNotTOML(["path": path, "line": problem.line, "column": problem.column, "detail": problem.message]))
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch {
            let detail = PolicyText.parserSaid(["detail": "\(error)"])
            if let error = error as? TOMLParseError {
                throw .configuration(RunText.configNotTOML(["path": path, "line": error.source.begin.line, "column": error.source.begin.column,
                                                            "detail": PolicyText.parserSaid(["detail": error.description])]))
            }
            throw .configuration(RunText.configNotTOMLAnywhere(["path": path, "detail": detail]))
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : base.appendingPathComponent(p).path }
        var s = RunSettings()
        var problems: [Message] = []
        func problem(_ key: String, _ message: Message) { problems.append(RunText.configKey(["key": key, "problem": message])) }
        func string(_ t: TOMLTable, _ key: String, _ where_: String) -> String? {
            guard let v = t[key] else { return nil }
            guard let s = v.string else { problem(where_ + key, RunText.expectedString()); return nil }
            return s
        }
        let known: Set<String> = ["as_of", "policy", "regions", "regions_encoding", "regions_sheet", "out", "state", "max_reject_rate",
                                  "allow_empty", "render", "templates", "contacts", "authority", "hotline", "retention_days", "gazetteer",
                                  "max_field_bytes", "language", "full_ids_on_grid_lists", "delivery_days", "feeds"]
        for key in table.keys.sorted() where !known.contains(key) {
            problem(key, RunText.unknownKey(["known": known.sorted()]))
        }
        if let v = string(table, "language", "") {
            if let language = Language(code: v) { s.language = language } else { problem("language", RunText.badLanguage(["value": v])) }
        }
        if let v = string(table, "as_of", "") {
            if let d = RunSettings.day(v) { s.asOf = d } else { problem("as_of", RunText.badDate(["value": v])) }
        }
        s.policy = string(table, "policy", "").map(resolve)
        if let r = string(table, "regions", "") {
            var input = input(path: resolve(r))
            if let e = string(table, "regions_encoding", "") {
                if let enc = TextEncoding(configValue: e) { input.encoding = enc } else { problem("regions_encoding", RunText.badEncoding(["value": e])) }
            }
            input.sheet = string(table, "regions_sheet", "")
            s.regions = input
        }
        s.out = string(table, "out", "").map(resolve)
        s.state = string(table, "state", "").map(resolve)
        if let v = table["max_reject_rate"] {
            if let d = v.double ?? v.int.map(Double.init), (0...1).contains(d) { s.maxRejectRate = d } else { problem("max_reject_rate", RunText.expectedFraction()) }
        }
        if let v = table["allow_empty"] { if let b = v.bool { s.allowEmpty = b } else { problem("allow_empty", RunText.expectedBool()) } }
        if let v = table["render"] { if let b = v.bool { s.render = b } else { problem("render", RunText.expectedBool()) } }
        s.templates = string(table, "templates", "").map(resolve)
        s.contacts = string(table, "contacts", "").map(resolve)
        if let v = string(table, "authority", "") { s.authority = v }
        if let v = string(table, "hotline", "") { s.hotline = v }
        if let v = table["max_field_bytes"] {
            if let n = v.int, (256...(1 << 20)).contains(n) { s.maxFieldBytes = n } else { problem("max_field_bytes", RunText.expectedFieldBytes()) }
        }
        if let v = table["retention_days"] {
            if let n = v.int, n > 0 { s.retentionDays = n } else { problem("retention_days", RunText.expectedPositive()) }
        }
        if let v = table["full_ids_on_grid_lists"] {
            if let b = v.bool { s.fullIDsOnGridLists = b } else { problem("full_ids_on_grid_lists", RunText.expectedBool()) }
        }
        if let v = table["gazetteer"] {
            // One file or a list, read in order (a later file wins for the same code).
            let files = v.string.map { [$0] } ?? v.array?.compactMap { $0.string }
            if let files, files.count == (v.array?.count ?? 1) {
                s.gazetteer = files.map { FeedInput(feed: "gazetteer", path: resolve($0)) }
            } else {
                problem("gazetteer", RunText.expectedFiles())
            }
        }
        if let v = table["delivery_days"] {
            if let n = v.int, (0...365).contains(n) { s.deliveryDays = n } else { problem("delivery_days", FollowUpText.expectedDeliveryDays()) }
        }
        if let feeds = table["feeds"] {
            guard let feeds = feeds.table else {
                throw .configuration(RunText.configProblem(["path": path, "problem": RunText.configKey(["key": "feeds", "problem": RunText.expectedFeedTables()])]))
            }
            let feedKeys = ["kind", "path", "encoding", "columns", "name", "sheet"]
            for name in feeds.keys.sorted() {
                guard let feed = feeds[name]?.table else { problem("feeds.\(name)", RunText.expectedTable()); continue }
                let prefix = "feeds.\(name)."
                for key in feed.keys.sorted() where !feedKeys.contains(key) {
                    problem(prefix + key, RunText.unknownKey(["known": feedKeys.sorted()]))
                }
                guard let p = string(feed, "path", prefix) else { problem(prefix + "path", RunText.missingKey()); continue }
                var input = FeedInput(feed: string(feed, "name", prefix) ?? name, path: resolve(p))
                if let e = string(feed, "encoding", prefix) {
                    if let enc = TextEncoding(configValue: e) { input.encoding = enc } else { problem(prefix + "encoding", RunText.badEncoding(["value": e])) }
                }
                input.sheet = string(feed, "sheet", prefix)
                if let columns = feed["columns"]?.table {
                    for column in columns.keys { if let h = string(columns, column, "\(prefix)columns.") { input.columnMap[column] = h } }
                }
                switch string(feed, "kind", prefix) {
                case "travel": s.travel.append(input)
                case "residents": s.residents.append(input)
                case let other:
                    problem(prefix + "kind", other.map { RunText.badKind(["value": $0]) } ?? RunText.missingKind())
                }
            }
        }
        guard problems.isEmpty else {
            if problems.count == 1 { throw .configuration(RunText.configProblem(["path": path, "problem": problems[0]])) }
            throw .configuration(RunText.configProblems(["path": path, "count": problems.count,
                                                         "problems": Message.Value.lines(problems.map { RejectPartText.indented(["line": $0]) })]))
        }
        s.configFeeds = !s.residents.isEmpty || !s.travel.isEmpty
        s.applyFieldLimit()
        return s
    }

    /// What a command does with feeds named on the command line when the config also lists feeds (SPEC 5).
    public enum FeedChoice: Sendable {
        /// The command line's feeds alone.
        case only
        /// The config's feeds, then the command line's.
        case add
    }

    /// Lays the feeds named on the command line over the config's: alone where the config lists none; otherwise as
    /// `choice` says, and refused without one (exit 1), so a feed named for a test never silently replaces a night's.
    public mutating func useCommandLineFeeds(residents: [FeedInput], travel: [FeedInput], choice: FeedChoice?) throws(RunError) {
        guard !residents.isEmpty || !travel.isEmpty else {
            if choice == .only {
                self.residents = []
                self.travel = []
            }
            return
        }
        guard configFeeds else {
            self.residents = residents
            self.travel = travel
            return
        }
        switch choice {
        case .only?:
            self.residents = residents
            self.travel = travel
        case .add?:
            self.residents += residents
            self.travel += travel
        case nil:
            let configured = (self.residents + self.travel).map(\.path)
            let given = (residents + travel).map(\.path)
            throw .configuration(RunText.feedsBothPlaces(["configured": Message.Value.lines(configured.map { RejectPartText.indented(["line": $0]) }),
                                                          "given": Message.Value.lines(given.map { RejectPartText.indented(["line": $0]) })]))
        }
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
            throw .configuration(RunText.missingSettings(["flags": missing]))
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
