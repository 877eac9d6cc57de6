import RiskModel

/// One name of an announcement with the level of its heading.
public struct AnnouncedName: Sendable, Hashable {
    public var level: RiskLevel
    /// The name to resolve: the item with the prefix lines before it (`北京市朝阳区南磨房地区双龙南里小区`).
    public var name: String
    /// The item as it stands on its line, numbering and trailing punctuation removed (`南磨房地区双龙南里小区`).
    public var written: String
    /// 1-based line of the announcement.
    public var line: Int

    public init(level: RiskLevel, name: String, written: String, line: Int) {
        self.level = level
        self.name = name
        self.written = written
        self.line = line
    }
}

/// A line or item of an announcement that is not taken as a name, and why.
public struct AnnouncementRemark: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Before the first heading: title, preamble.
        case preamble
        /// A line naming several levels (`共有高风险地区13个，中风险地区33个`): it sets no level.
        case summary
        /// A date or time alone (`2022年5月25日`), as under a signature.
        case date
        /// "Everywhere else" (`除上述地区外的其他地区`): no region to designate.
        case catchAll
        /// After a catch-all and before the next heading: the announcement's closing (issuer, date).
        case closing
        /// A line `text：` with nothing after the colon, `text` no place name (`具体名单如下：`).
        case label
        /// A name after a summary line and before the next heading: it has no level. The import must stop.
        case noLevel
        /// A prefix line `text：` whose `text` looks like a place (it ends in a generic suffix) but is no gazetteer
        /// name: the names under it cannot be read. The import must stop.
        case unknownPrefix
    }

    public var line: Int
    public var text: String
    public var reason: Reason

    public init(line: Int, text: String, reason: Reason) {
        self.line = line
        self.text = text
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .preamble: return "line \(line): before the first heading, not read: \(text)"
        case .summary: return "line \(line): names several levels, read as a summary: \(text)"
        case .date: return "line \(line): a date, not a name: \(text)"
        case .catchAll: return "line \(line): \(text) names no region; regions not listed are not designated"
        case .closing: return "line \(line): after \"everywhere else\", read as the closing: \(text)"
        case .label: return "line \(line): a label, not a place: \(text)"
        case .unknownPrefix: return "line \(line): \(text) heads the names below it, but the gazetteer has no such region; "
            + "correct it or add it to a gazetteer file of the config"
        case .noLevel: return "line \(line): \(text) comes after a summary line and before any heading, so it has no level; put it under 高风险/中风险/低风险"
        }
    }

    /// The same remark in Chinese (SPEC 11).
    public var chinese: String {
        switch reason {
        case .preamble: return "第 \(line) 行：在第一个标题之前，未读取：\(text)"
        case .summary: return "第 \(line) 行：含多个风险等级，视为汇总说明：\(text)"
        case .date: return "第 \(line) 行：日期，不是地名：\(text)"
        case .catchAll: return "第 \(line) 行：“\(text)”不指具体地区；未列出的地区不划定"
        case .closing: return "第 \(line) 行：在“其他地区”之后，视为落款：\(text)"
        case .label: return "第 \(line) 行：说明文字，不是地名：\(text)"
        case .unknownPrefix: return "第 \(line) 行：“\(text)”是下列地名的前缀，但地名库中没有此地区；请更正，或将其加入配置的 gazetteer 文件"
        case .noLevel: return "第 \(line) 行：“\(text)”在汇总说明之后、任何标题之前，没有风险等级；请放在“高风险/中风险/低风险”标题之下"
        }
    }
}

/// The names of an announcement and what was set aside.
public struct ParsedAnnouncement: Sendable, Hashable {
    public var entries: [AnnouncedName] = []
    /// Lines and items not taken as names, for a verbose listing.
    public var ignored: [AnnouncementRemark] = []
    /// Names without a level and prefixes the gazetteer lacks: the import must not go on.
    public var problems: [AnnouncementRemark] = []

    public init(entries: [AnnouncedName] = [], ignored: [AnnouncementRemark] = [], problems: [AnnouncementRemark] = []) {
        self.entries = entries
        self.ignored = ignored
        self.problems = problems
    }
}

/// Reads a risk-area announcement as published (SPEC 10, `rules import`).
///
/// - A line mentioning exactly one of 高风险, 中风险, 低风险 is a heading that sets the level; the level of a
///   mention is the run of 高/中/低 just before 风险, so `中高风险地区` mentions two. A line mentioning
///   several is a summary: it sets no level. Names after the heading's colon are read too (`高风险地区：A、B`).
/// - Lines before the first heading are preamble; lines after "everywhere else" (`除上述地区外的其他地区`)
///   and before the next heading are the closing (issuer, date).
/// - Names are separated by line breaks, `、`, `，`, `,`, `；`, `;` and `。`, outside brackets.
/// - Numbering is dropped: `1.`, `1、`, `1)`, `(1)`, `一、`, `(一)`, `①` (full-width forms alike).
/// - A line `NAME:` or `NAME（3个）：…` whose NAME the gazetteer knows (one unit or ambiguous) is a prefix for
///   the names after it, on its line and below, until the next heading or prefix line. A prefix inside the
///   previous one nests (`北京市：` then `朝阳区：` gives `北京市朝阳区`); one that is not replaces it. A line
///   `TEXT：` with nothing after it and no gazetteer name is a label (`具体名单如下：`), unless TEXT ends in a
///   generic suffix: then it is a prefix the gazetteer lacks, and a problem.
/// - Brackets holding a count or a time (`（13个）`, `（截至5月25日15时）`) are dropped; other brackets stay in the
///   name, so a qualified area (`（部分区域）`) fails to resolve instead of designating all of it.
public enum Announcement {
    /// Parses `text`, one announcement, against the gazetteer that tells prefix lines from names.
    public static func parse(_ text: String, gazetteer: Gazetteer) -> ParsedAnnouncement {
        var number = 0
        return parse(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            number += 1
            return (number, String(line))
        }, gazetteer: gazetteer)
    }

    /// Parses an announcement given as numbered lines: the cells of a CSV or XLSX column, each numbered by its
    /// line or row in the file (a cell holding line breaks gives several lines with the same number).
    public static func parse(lines: [(number: Int, text: String)], gazetteer: Gazetteer) -> ParsedAnnouncement {
        var parser = Parser(gazetteer: gazetteer)
        for (number, text) in lines {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                parser.read(line: fold(String(line)), number: number)
            }
        }
        return parser.result
    }

    private struct Parser {
        let gazetteer: Gazetteer
        var result = ParsedAnnouncement()
        var level: RiskLevel?
        var seenHeading = false
        /// Set by a catch-all (`除上述地区外的其他地区`): what follows until a heading is the closing.
        var closed = false
        /// The prefix lines in force, outermost first.
        var prefixes: [String] = []

        init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

        mutating func read(line text: String, number: Int) {
            guard !text.isEmpty else { return }
            let body = Announcement.dropNumbering(text)
            let levels = Announcement.levelsMentioned(body)
            if levels.count == 1 {
                level = levels.first
                seenHeading = true
                closed = false
                prefixes = []
                if let colon = Announcement.colon(in: body) {
                    items(String(body[body.index(after: colon)...]), line: number)
                }
                return
            }
            if levels.count > 1 {
                // A summary after a heading ends that heading: what follows needs a heading of its own.
                if seenHeading { level = nil }
                prefixes = []
                result.ignored.append(AnnouncementRemark(line: number, text: text, reason: .summary))
                return
            }
            guard seenHeading else {
                result.ignored.append(AnnouncementRemark(line: number, text: text, reason: .preamble))
                return
            }
            if closed {
                result.ignored.append(AnnouncementRemark(line: number, text: text, reason: .closing))
                return
            }
            if Announcement.isDate(body) {
                result.ignored.append(AnnouncementRemark(line: number, text: text, reason: .date))
                return
            }
            if let colon = Announcement.colon(in: body) {
                let head = Announcement.dropNumbering(Announcement.dropBrackets(String(body[..<colon]), all: true))
                let rest = String(body[body.index(after: colon)...])
                if !head.isEmpty, pushPrefix(head) {
                    items(rest, line: number)
                    return
                }
                if Announcement.trimmed(rest).isEmpty {
                    // Nothing after the colon: a prefix the gazetteer lacks, or a label such as 具体名单如下.
                    let looksLikePlace = PlaceName.genericSuffix(of: PlaceName.comparable(head)) != nil
                    let remark = AnnouncementRemark(line: number, text: head, reason: looksLikePlace ? .unknownPrefix : .label)
                    if looksLikePlace { result.problems.append(remark) } else { result.ignored.append(remark) }
                    return
                }
            }
            items(body, line: number)
        }

        /// Makes `head` the innermost prefix, nested in the longest run of current prefixes it lies in.
        mutating func pushPrefix(_ head: String) -> Bool {
            var outer = prefixes
            while true {
                if isName((outer + [head]).joined()) {
                    prefixes = outer + [head]
                    return true
                }
                if outer.isEmpty { return false }
                outer.removeLast()
            }
        }

        func isName(_ text: String) -> Bool {
            do {
                _ = try gazetteer.resolve(text)
                return true
            } catch {
                if case .ambiguous = error { return true }
                return false
            }
        }

        mutating func items(_ text: String, line: Int) {
            for piece in Announcement.splitItems(text) {
                var item = Announcement.dropNumbering(piece)
                item = Announcement.dropBrackets(item, all: false)
                while let last = item.last, last == "。" || last == "." || last == "、" { item.removeLast() }
                item = Announcement.trimmed(item)
                guard !item.isEmpty else { continue }
                if Announcement.isCatchAll(item) {
                    result.ignored.append(AnnouncementRemark(line: line, text: item, reason: .catchAll))
                    closed = true
                    continue
                }
                guard let level else {
                    result.problems.append(AnnouncementRemark(line: line, text: item, reason: .noLevel))
                    continue
                }
                result.entries.append(AnnouncedName(level: level, name: composed(item), written: item, line: line))
            }
        }

        /// The item under the prefixes in force; an item that repeats a prefix (`北京市朝阳区…` under `北京市：`)
        /// takes only the prefixes outside the one it repeats.
        func composed(_ item: String) -> String {
            let comparable = PlaceName.comparable(item)
            for (i, prefix) in prefixes.enumerated() where comparable.hasPrefix(PlaceName.comparable(prefix)) {
                return prefixes[..<i].joined() + item
            }
            return prefixes.joined() + item
        }
    }

    // MARK: - Pieces of a line

    /// The line trimmed and full-width folded (SPEC 1.1): `（` `）` `：` `，` `；` become ASCII.
    static func fold(_ line: String) -> String {
        Array(line.utf8).withUnsafeBufferPointer { buffer in
            Fields.withNormalized(buffer, fold: true) { String(decoding: $0, as: UTF8.self) }
        }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !PlaceName.isSpace($0) }),
              let last = scalars.lastIndex(where: { !PlaceName.isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// The levels a line mentions: for each `风险`, the 高/中/低 characters right before it.
    static func levelsMentioned(_ text: String) -> Set<RiskLevel> {
        let s = Array(text.unicodeScalars)
        var levels = Set<RiskLevel>()
        for i in s.indices where i + 1 < s.count && s[i] == "风" && s[i + 1] == "险" {
            var j = i - 1
            scan: while j >= 0 {
                switch s[j] {
                case "高": levels.insert(.high)
                case "中": levels.insert(.medium)
                case "低": levels.insert(.low)
                default: break scan
                }
                j -= 1
            }
        }
        return levels
    }

    /// The first `:` outside brackets.
    static func colon(in text: String) -> String.Index? {
        var depth = 0
        for i in text.indices {
            switch text[i] {
            case "(", "[", "【", "〔": depth += 1
            case ")", "]", "】", "〕": depth = max(0, depth - 1)
            case ":" where depth == 0: return i
            default: break
            }
        }
        return nil
    }

    /// The items of a list, split at `、` `,` `;` `。` outside brackets.
    static func splitItems(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            switch c {
            case "(", "[", "【", "〔": depth += 1
            case ")", "]", "】", "〕": depth = max(0, depth - 1)
            case "、", ",", ";", "。":
                if depth == 0 {
                    items.append(current)
                    current = ""
                    continue
                }
            default: break
            }
            current.append(c)
        }
        items.append(current)
        return items.map(trimmed)
    }

    private static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// The text without leading numbering: `1.` `1、` `1)` `(1)` `一、` `一.` `(一)` `①`…`⑳`.
    static func dropNumbering(_ text: String) -> String {
        var t = Substring(trimmed(text))
        if let first = t.unicodeScalars.first, (0x2460...0x2473).contains(first.value) {
            return trimmed(String(t.unicodeScalars.dropFirst()))
        }
        if t.first == "(" {
            let inner = t.dropFirst().prefix { $0.isASCII && $0.isNumber || chineseNumerals.contains($0) }
            if !inner.isEmpty, t.dropFirst(1 + inner.count).first == ")" {
                return trimmed(String(t.dropFirst(2 + inner.count)))
            }
            return String(t)
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        let numerals = digits.isEmpty ? t.prefix { chineseNumerals.contains($0) } : digits
        if !numerals.isEmpty, let mark = t.dropFirst(numerals.count).first,
           mark == "." || mark == "、" || (mark == ")" && !digits.isEmpty) {
            t = t.dropFirst(numerals.count + 1)
        }
        return trimmed(String(t))
    }

    /// The text without bracketed remarks: all of them (`all`), or only counts and times (`（13个）`, `（截至…）`).
    static func dropBrackets(_ text: String, all: Bool) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            guard let close = rest[open...].firstIndex(of: ")") else { break }
            let inner = rest[rest.index(after: open)..<close]
            out += rest[..<open]
            if !(all || isCountOrTime(String(inner))) { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return trimmed(out + rest)
    }

    /// `13个`, `共13个`, `截至5月25日15时`, `更新至…`, `2022年5月25日`.
    static func isCountOrTime(_ text: String) -> Bool {
        let t = trimmed(text)
        if t.hasPrefix("截至") || t.hasPrefix("截止") || t.hasPrefix("更新") || t.hasPrefix("统计") { return true }
        let count = t.drop(while: { $0 == "共" })
        let digits = count.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, count.dropFirst(digits.count) == "个" { return true }
        return isDate(t)
    }

    /// A date or time alone: digits with 年 月 日 时 点 分 and `:`.
    static func isDate(_ text: String) -> Bool {
        let t = trimmed(text)
        guard t.contains("年") || t.contains("月") else { return false }
        return t.allSatisfy { ($0.isASCII && $0.isNumber) || "年月日时点分:".contains($0) }
    }

    /// "Everywhere else": `除上述地区外…`, `其他地区`, `其余地区`.
    static func isCatchAll(_ item: String) -> Bool {
        item.hasPrefix("除") || item.contains("其他") || item.contains("其余") || item.contains("其它")
    }
}

// MARK: - Resolving the names

/// An announced name designated wider than written (`rules import --widen`), for the warning list.
public struct WidenedName: Sendable, Hashable, CustomStringConvertible {
    public var entry: AnnouncedName
    public var resolved: ResolvedName

    public var description: String { "line \(entry.line): \(resolved.warning ?? resolved.fullName)" }
    /// The same warning in Chinese (SPEC 11).
    public var chinese: String { "第 \(entry.line) 行：\(resolved.chineseWarning ?? resolved.fullName)" }
}

/// An announced name that did not resolve: `rules import` writes nothing and exits 2.
public struct UnresolvedName: Error, Sendable, Hashable, CustomStringConvertible {
    public var entry: AnnouncedName
    public var problem: NameProblem

    public var description: String { "line \(entry.line): \(problem.description)" }
    /// The same message in Chinese (SPEC 11).
    public var chinese: String { "第 \(entry.line) 行：\(problem.chinese)" }
}

/// The regions of an announcement, resolved, with what was widened and what failed.
public struct ResolvedAnnouncement: Sendable, Hashable {
    /// In announcement order, one per name that resolved (a region named twice appears twice).
    public var regions: [AnnouncedRegion] = []
    public var widened: [WidenedName] = []
    public var failures: [UnresolvedName] = []
}

extension Announcement {
    /// Resolves every name of `parsed`; with `widen`, an unresolved tail designates the deepest resolved unit.
    public static func resolve(_ parsed: ParsedAnnouncement, in gazetteer: Gazetteer, widen: Bool = false) -> ResolvedAnnouncement {
        var result = ResolvedAnnouncement()
        for entry in parsed.entries {
            do {
                let resolved = try gazetteer.resolve(entry.name, widen: widen)
                result.regions.append(AnnouncedRegion(region: resolved.code, name: resolved.fullName, level: entry.level, line: entry.line))
                if resolved.widening != nil { result.widened.append(WidenedName(entry: entry, resolved: resolved)) }
            } catch {
                result.failures.append(UnresolvedName(entry: entry, problem: error))
            }
        }
        return result
    }
}
