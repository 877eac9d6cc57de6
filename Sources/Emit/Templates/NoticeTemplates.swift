import Foundation
import Machinery
import Mustache
import RiskModel

/// Who issues the notices and how people reach them: the lines that differ per district, set in the config.
///
/// There is no built-in district: a notice whose authority or hotline is not set leaves a line to fill in by
/// hand (`blank`), as it does for a grid without a contact.
public struct NoticeWording: Sendable, Hashable {
    /// The issuing authority printed above the date, e.g. `某某区新型冠状病毒感染的肺炎疫情防控工作指挥部`.
    public var authority: String?
    /// The public enquiry line printed on every notice.
    public var hotline: String?
    /// Further named values the district's templates may use as `{{key}}` (keys must be snake_case).
    public var extra: [String: String]

    public init(authority: String?, hotline: String?, extra: [String: String] = [:]) {
        self.authority = authority.flatMap { $0.isEmpty ? nil : $0 }
        self.hotline = hotline.flatMap { $0.isEmpty ? nil : $0 }
        self.extra = extra
    }

    /// What is printed where a value is missing: a line to write on.
    public static let blank = "__________"

    /// The authority as printed: a longer line to write on when it is not set.
    public var authorityText: String { authority ?? "____________________________（盖章）" }
    /// The hotline as printed.
    public var hotlineText: String { hotline ?? NoticeWording.blank }

    /// The config keys that are not set, for the run's warning.
    public var missingKeys: [String] {
        (authority == nil ? ["authority"] : []) + (hotline == nil ? ["hotline"] : [])
    }
}

/// The wording of notices, receipts and cover pages, read from a folder of Mustache templates.
///
/// Layout stays in code; templates hold only words. Every `{{tag}}` is checked against the fields
/// the renderer supplies when the templates load, because swift-mustache renders an unknown name
/// as nothing and a notice with a silently missing name or date must never reach print.
public struct NoticeTemplates: Sendable {
    /// Fields of every paper: the person, where they live, who issues it.
    static let personFields: [String] = [
        "name", "sex", "id_type", "id_masked", "phone", "address",
        "community_name", "community_code", "grid_id", "grid_worker", "grid_phone",
        "authority", "hotline", "issued_on", "run_id",
        "centralized_quarantine", "home_quarantine", "health_monitoring", "quarantine",
    ]

    /// Fields available to `title`, `notice` and `receipt` templates, one set per notice.
    ///
    /// SPEC 6: `region_name` and `designated_level` are the designated region and its own level, `level` the level
    /// the measure follows; `direct`/`coarse` say how the stay met it; `stay_place` is the stay region's name (or
    /// its code), `stay_within` is true for a direct stay in a named region smaller than the designated one.
    public static let noticeFields: [String] = personFields + [
        "region_name", "region_code", "level", "designated_level", "action", "last_exposure",
        "direct", "coarse", "stay_region_name", "stay_region_code", "stay_place", "stay_within",
        "period_from", "period_to", "until", "days",
        "serial", "supersedes", "amended", "old_action", "old_until", "change_reason",
    ]

    /// Fields available to the `release` template (SPEC 7): `serial` is the release notice's own, `ended_serial` the
    /// last printed notice of the measure, `released_on` the day after `until`.
    public static let releaseFields: [String] = personFields + [
        "serial", "ended_serial", "action", "notice_title", "period_from", "period_to", "until", "released_on",
    ]

    /// Fields available to the `rescission` template (SPEC 7): `serial` is the rescinded notice's, `reason` the words why.
    public static let rescissionFields: [String] = personFields + [
        "serial", "action", "notice_title", "until", "reason",
    ]

    /// Fields available to the `cover` template, one set per batch.
    public static let batchFields: [String] = [
        "community_name", "community_code", "issued_on", "run_id", "notice_count", "rescinded_count",
        "release_count", "ending_today_count", "authority", "hotline",
    ]

    /// The templates a folder must hold, each as `<name>.mustache`, and the fields each may use.
    static let files: [(name: String, fields: [String])] = [
        ("title", noticeFields), ("notice", noticeFields), ("receipt", noticeFields), ("cover", batchFields),
    ]

    /// Templates added after the first four: a district's folder without them takes the program's own, so a folder
    /// written for an earlier version keeps working (`fallbacks` names them for a warning).
    static let addedFiles: [(name: String, fields: [String])] = [
        ("release", releaseFields), ("rescission", rescissionFields),
    ]

    public let title: MustacheTemplate
    public let notice: MustacheTemplate
    public let receipt: MustacheTemplate
    public let cover: MustacheTemplate
    /// A release notice: a `# ` line is its title, a `> ` line its receipt's statement, the rest as in `notice`.
    public let release: MustacheTemplate
    /// A rescission notice, laid out as `release`.
    public let rescission: MustacheTemplate
    public let directory: URL
    /// The templates this folder lacked, taken from the program's own.
    public let fallbacks: [String]

    /// The templates that come with the program: installed beside it or under its prefix (`Installation`).
    public static func installedFolder() throws -> URL {
        let looked = Installation.candidates("default", bundle: "riskscreen_Emit", installed: "templates")
        guard let folder = looked.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("notice.mustache").path) }) else {
            throw TemplateError.notInstalled(looked: looked.map(\.path))
        }
        return folder
    }

    /// Loads and validates `title`, `notice`, `receipt` and `cover` `.mustache` files from a folder.
    public init(directory: URL, wording: NoticeWording) throws {
        var loaded: [String: MustacheTemplate] = [:]
        let extra = Array(wording.extra.keys)
        for (name, fields) in NoticeTemplates.files {
            let url = directory.appendingPathComponent("\(name).mustache")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError.missingFile(path: url.path)
            }
            loaded[name] = try NoticeTemplates.compile(String(decoding: data, as: UTF8.self), file: url.path, known: fields + extra)
        }
        var fallbacks: [String] = []
        for (name, fields) in NoticeTemplates.addedFiles {
            var url = directory.appendingPathComponent("\(name).mustache")
            if !FileManager.default.fileExists(atPath: url.path) {
                url = try NoticeTemplates.installedFolder().appendingPathComponent("\(name).mustache")
                fallbacks.append(name)
            }
            guard let data = FileManager.default.contents(atPath: url.path) else { throw TemplateError.missingFile(path: url.path) }
            loaded[name] = try NoticeTemplates.compile(String(decoding: data, as: UTF8.self), file: url.path, known: fields + extra)
        }
        guard let title = loaded["title"], let notice = loaded["notice"], let receipt = loaded["receipt"], let cover = loaded["cover"],
              let release = loaded["release"], let rescission = loaded["rescission"] else {
            throw TemplateError.missingFile(path: directory.path)
        }
        self.title = title
        self.notice = notice
        self.receipt = receipt
        self.cover = cover
        self.release = release
        self.rescission = rescission
        self.directory = directory
        self.fallbacks = fallbacks
    }

    /// Validates one template's tags against `known` and parses it to render plain text (no HTML escaping).
    public static func compile(_ source: String, file: String, known: [String]) throws -> MustacheTemplate {
        try validate(source, file: file, known: Set(known))
        // The pragma shares line 1 so parser line numbers still match the file.
        let pragma = "{{% CONTENT_TYPE: TEXT}}"
        do {
            return try MustacheTemplate(string: pragma + source)
        } catch let error as MustacheTemplate.ParserError {
            let column = error.context.lineNumber == 1 ? error.context.columnNumber - pragma.count : error.context.columnNumber
            throw TemplateError.syntax(file: file, line: error.context.lineNumber, column: max(1, column), reason: EmitText.templateParser(["detail": "\(error.error)"]))
        }
    }

    /// Walks `{{…}}` tags and fails on the first name that is not a known field, with its line and column.
    ///
    /// Comments (`!`) and pragmas (`%`) are skipped; `.` (the current item) is allowed; partials and
    /// delimiter changes are refused since a notice's words must come from this one file.
    public static func validate(_ source: String, file: String, known: Set<String>) throws {
        let bytes = Array(source.utf8)
        var i = 0, line = 1, lineStart = 0
        func column(_ at: Int) -> Int { String(decoding: bytes[lineStart..<at], as: UTF8.self).count + 1 }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1; i += 1; continue }
            guard bytes[i] == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else { i += 1; continue }
            let start = i
            let triple = i + 2 < bytes.count && bytes[i + 2] == UInt8(ascii: "{")
            var j = i + (triple ? 3 : 2)
            let closing: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            var end: Int? = nil
            while j + closing.count <= bytes.count {
                if Array(bytes[j..<(j + closing.count)]) == closing { end = j; break }
                j += 1
            }
            guard let end else {
                throw TemplateError.syntax(file: file, line: line, column: column(start), reason: EmitText.tagNeverClosed())
            }
            var inner = String(decoding: bytes[(start + (triple ? 3 : 2))..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let sigil = inner.first
            switch sigil {
            case "!", "%":
                inner = ""
            case ">", "<", "$", "=":
                throw TemplateError.unsupportedTag(file: file, line: line, column: column(start), tag: String(decoding: bytes[start..<(end + closing.count)], as: UTF8.self))
            case "#", "^", "/", "&":
                inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            default:
                break
            }
            if !inner.isEmpty {
                // `transform(name)` applies swift-mustache transforms; the field is the innermost name.
                var name = inner
                while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                    name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                }
                let head = String(name.split(separator: ".", maxSplits: 1).first ?? "")
                if name != ".", !known.contains(head) {
                    throw TemplateError.unknownField(file: file, line: line, column: column(start), field: name, known: known.sorted())
                }
            }
            // Count newlines inside the tag (comments may span lines).
            for k in start..<(end + closing.count) where bytes[k] == UInt8(ascii: "\n") { line += 1; lineStart = k + 1 }
            i = end + closing.count
        }
    }
}

/// A template folder that cannot be used; raised when the renderer starts, before anything is printed.
public enum TemplateError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    /// The program's own templates are not where an installation puts them.
    case notInstalled(looked: [String])
    case unknownField(file: String, line: Int, column: Int, field: String, known: [String])
    case unsupportedTag(file: String, line: Int, column: Int, tag: String)
    case syntax(file: String, line: Int, column: Int, reason: Message)

    public var message: Message {
        switch self {
        case let .missingFile(path):
            return EmitText.templateMissing(["path": path])
        case let .notInstalled(looked):
            return EmitText.templatesNotInstalled(["looked": looked])
        case let .unknownField(file, line, column, field, known):
            return EmitText.unknownField(["file": file, "line": line, "column": column, "field": field, "known": known])
        case let .unsupportedTag(file, line, column, tag):
            return EmitText.unsupportedTag(["file": file, "line": line, "column": column, "tag": tag])
        case let .syntax(file, line, column, reason):
            return EmitText.templateSyntax(["file": file, "line": line, "column": column, "reason": reason])
        }
    }

    public var description: String { message.description }
}
