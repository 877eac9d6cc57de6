import Foundation
import Normalize
import RiskModel

extension Rules {
    /// What `rules import` is asked to do.
    public struct ImportRequest: Sendable {
        /// The announcement: a text file, or a CSV or XLSX file with `column`.
        public var announcement: String
        public var column: String?
        /// The day the announcement's list is in force (`--on`).
        public var on: Day
        /// The first day of the new designations (`--from`); nil: `on`.
        public var from: Day?
        /// Yesterday's rule file; the announcement is then the complete list in force on `on`.
        public var previous: String?
        public var output: String
        /// Designate the deepest resolved unit of a name whose tail matches nothing, with a warning.
        public var widen: Bool
        /// List the lines that were not read as names.
        public var verbose: Bool

        public init(announcement: String, column: String?, on: Day, from: Day?, previous: String?, output: String, widen: Bool, verbose: Bool) {
            self.announcement = announcement
            self.column = column
            self.on = on
            self.from = from
            self.previous = previous
            self.output = output
            self.widen = widen
            self.verbose = verbose
        }
    }

    /// `rules import` (SPEC 10): the next rule file from an announcement as published.
    public enum Import {
        /// Reads the announcement, resolves every name, builds the next rule file and writes it; writes nothing and
        /// throws (exit 2) when a name does not resolve (unless widened), a line has no level, or nothing is listed.
        public static func execute(_ request: ImportRequest, settings: RunSettings) throws(RunError) -> Output {
            let gazetteer = try settings.gazetteer()
            let file = request.announcement
            let previous = try request.previous.map { (path) throws(RunError) in try Rules.read(path, gazetteer: gazetteer) } ?? []
            let parsed = Announcement.parse(lines: try AnnouncementSource.lines(path: file, column: request.column), gazetteer: gazetteer)
            let resolved = Announcement.resolve(parsed, in: gazetteer, widen: request.widen)

            // In line order; a line's own order kept (`sorted` is not stable, so the index breaks ties).
            let problems = (parsed.problems.map { ($0.line, withoutLine($0.description, $0.line)) }
                + resolved.failures.map { ($0.entry.line, $0.problem.description) })
                .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map { "  \(file):\($0.element.0): \($0.element.1)" }
            if !problems.isEmpty {
                let unresolved = resolved.failures.count
                throw .inputRejected("\(file): \(problems.count) problem\(problems.count == 1 ? "" : "s")"
                    + (unresolved > 0 ? " (\(unresolved) name\(unresolved == 1 ? "" : "s") not resolved)" : "")
                    + "; nothing was written. Correct the announcement's text, add the missing streets or communities to a "
                    + "gazetteer file of the config, or pass --widen to designate the enclosing region on purpose:\n"
                    + problems.joined(separator: "\n"))
            }
            guard !resolved.regions.isEmpty else {
                throw .inputRejected("\(file): no region names found: no line under a heading mentioning 高风险, 中风险 or 低风险 "
                    + "lists a name; nothing was written. Check that this is the announcement"
                    + (request.column.map { " and that column \($0) holds the names" } ?? "")
                    + (parsed.ignored.isEmpty ? "" : " (\(parsed.ignored.count) lines were read as title, summary or closing; --verbose lists them)"))
            }

            let update = RuleFileUpdate.make(previous: previous, announced: resolved.regions, on: request.on, from: request.from)
            try RuleFileWriter.write(update.designations, to: request.output)
            return output(request, parsed: parsed, resolved: resolved, previous: previous, update: update)
        }

        /// The summary: what was read, what changed on the day, what was written; the warnings apart.
        static func output(_ request: ImportRequest, parsed: ParsedAnnouncement, resolved: ResolvedAnnouncement,
                           previous: [Designation], update: RuleFileUpdate) -> Output {
            var out = Output()
            let file = request.announcement
            let byLevel = RiskLevel.allCases.reversed().compactMap { level -> String? in
                let n = resolved.regions.filter { $0.level == level }.count
                return n == 0 ? nil : "\(level.code) \(n)"
            }
            let lines = resolved.regions.map(\.line)
            out.lines.append("\(file): \(resolved.regions.count) names (\(byLevel.joined(separator: ", "))) on lines "
                + "\(lines.min() ?? 0)–\(lines.max() ?? 0), all resolved"
                + (resolved.widened.isEmpty ? "" : ", \(resolved.widened.count) widened")
                + (parsed.ignored.isEmpty ? "" : "; \(parsed.ignored.count) lines read as title, summary or closing"
                    + (request.verbose ? ":" : " (--verbose lists them)")))
            if request.verbose {
                out.lines += parsed.ignored.map { "  \(file):\($0.line): " + withoutLine($0.description, $0.line) }
            }
            let against = request.previous.map { "against \($0)" } ?? "no previous file: every region is new"
            out.lines.append("in force on \(request.on), \(against):")
            out.lines += Rules.lines(update.changes)

            let carried = previous.count - update.withdrawn.count
            let closed = zip(previous.filter { !update.withdrawn.contains($0) }, update.designations.prefix(carried))
                .filter { $0.to != $1.to }.count
            let opened = update.designations.count - carried
            let closing = min(request.on, request.from ?? request.on) - 1
            var parts: [String] = []
            if request.previous != nil {
                parts.append("\(carried - closed) kept as they were")
                parts.append("\(closed) closed on \(closing)")
            }
            parts.append("\(opened) new from \(request.from ?? request.on)")
            if !update.withdrawn.isEmpty { parts.append("\(update.withdrawn.count) left out") }
            out.lines.append("wrote \(request.output): \(update.designations.count) rows (\(parts.joined(separator: ", ")))")

            out.warnings += resolved.widened.map { "\(file):\($0.entry.line): \($0.resolved.warning ?? $0.resolved.fullName)" }
            out.warnings += update.conflicts.map { "\(file):\($0.lines.first ?? 0): \($0.description)" }
            out.warnings += update.withdrawn.map { row in
                "\(request.previous ?? ""):\(row.line): \(row.listed) is lifted or changed by the announcement but starts on "
                    + "or after \(closing + 1): left out of the new file rather than closed before it starts"
            }
            return out
        }

        /// A remark's text without its leading `line N: `, for a listing that names the file and line itself.
        static func withoutLine(_ text: String, _ line: Int) -> String {
            let prefix = "line \(line): "
            return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
        }
    }
}
