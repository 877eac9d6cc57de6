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
            let problems = (parsed.problems.map { ($0.line, $0.message) } + resolved.failures.map { ($0.entry.line, $0.problem.message) })
                .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map { RejectPartText.indented(["line": RuleText.atLine(["file": file, "line": $0.element.0, "problem": $0.element.1])]) }
            if !problems.isEmpty {
                let unresolved = resolved.failures.count
                throw .inputRejected(RuleText.importProblems([
                    "file": file, "count": problems.count,
                    "unresolved": unresolved > 0 ? RuleText.notResolved(["count": unresolved]).messageValue : .none,
                    "problems": Message.Value.lines(problems),
                ]))
            }
            guard !resolved.regions.isEmpty else {
                throw .inputRejected(RuleText.noNames([
                    "file": file, "column": request.column.map { RuleText.columnHolds(["column": $0]).messageValue } ?? .none,
                    "ignored": parsed.ignored.isEmpty ? Message.Value.none : RuleText.linesIgnored(["count": parsed.ignored.count]).messageValue,
                ]))
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
            let byLevel = RiskLevel.allCases.reversed().compactMap { level -> Message? in
                let n = resolved.regions.filter { $0.level == level }.count
                return n == 0 ? nil : RuleText.levelCount(["level": TermText.level(level), "count": n])
            }
            let lines = resolved.regions.map(\.line)
            out.lines.append(RuleText.importRead([
                "file": file, "count": resolved.regions.count, "levels": byLevel, "first": lines.min() ?? 0, "last": lines.max() ?? 0,
                "widened": resolved.widened.isEmpty ? Message.Value.none : RuleText.widenedCount(["count": resolved.widened.count]).messageValue,
                "ignored": parsed.ignored.isEmpty ? Message.Value.none
                    : (request.verbose ? RuleText.ignoredListed(["count": parsed.ignored.count]) : RuleText.ignoredHidden(["count": parsed.ignored.count])).messageValue,
            ]))
            if request.verbose {
                out.lines += parsed.ignored.map { RejectPartText.indented(["line": RuleText.atLine(["file": file, "line": $0.line, "problem": $0.message])]) }
            }
            let against = request.previous.map { RuleText.against(["file": $0]) } ?? RuleText.noPrevious()
            out.lines.append(RuleText.importInForce(["day": request.on, "against": against]))
            out.lines += Rules.lines(update.changes)

            let carried = previous.count - update.withdrawn.count
            let closed = zip(previous.filter { !update.withdrawn.contains($0) }, update.designations.prefix(carried))
                .filter { $0.to != $1.to }.count
            let opened = update.designations.count - carried
            let closing = min(request.on, request.from ?? request.on) - 1
            var parts: [Message] = []
            if request.previous != nil {
                parts.append(RuleText.kept(["count": carried - closed]))
                parts.append(RuleText.closed(["count": closed, "day": closing]))
            }
            parts.append(RuleText.opened(["count": opened, "day": request.from ?? request.on]))
            if !update.withdrawn.isEmpty { parts.append(RuleText.leftOut(["count": update.withdrawn.count])) }
            out.lines.append(RuleText.wrote(["file": request.output, "rows": update.designations.count, "parts": Message.Value.clauses(parts)]))

            out.warnings += resolved.widened.map { RuleText.atLine(["file": file, "line": $0.entry.line, "problem": $0.message]) }
            out.warnings += update.conflicts.map { RuleText.atLine(["file": file, "line": $0.lines.first ?? 0, "problem": $0.message]) }
            out.warnings += update.withdrawn.map { row in
                RuleText.atLine(["file": request.previous ?? "", "line": row.line,
                                 "problem": RuleText.withdrawn(["row": row.listed, "day": closing + 1])])
            }
            return out
        }
    }
}
