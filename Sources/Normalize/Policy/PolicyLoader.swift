import Foundation
import RiskModel
import TOMLKit

/// One thing wrong with a policy file, naming the key at fault (`levels.medium.action`).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// The dotted key (`levels.high.days`), or `levels.high` for a missing table.
    public var key: String
    public var message: Message

    public init(key: String, message: Message) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// Why a policy file cannot be used (SPEC 1.5); every case names the file, and `invalid` lists every problem.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read, or is not UTF-8.
    case unreadable(file: String, reason: Message)
    /// The file is not valid TOML; `line` and `column` are 1-based, as TOMLKit reports them.
    case malformed(file: String, line: Int, column: Int, message: Message)
    /// The file is valid TOML but breaks the policy rules, for all these reasons.
    case invalid(file: String, problems: [PolicyProblem])

    public var message: Message {
        switch self {
        case .unreadable(let file, let reason):
            return PolicyText.unreadable(["file": file, "reason": reason])
        case .malformed(let file, let line, let column, let message):
            return PolicyText.malformed(["file": file, "line": line, "column": column, "detail": message])
        case .invalid(let file, let problems):
            return RunText.lines(["lines": Message.Value.lines(problems.map {
                PolicyText.problem(["file": file, "key": $0.key, "problem": $0.message])
            })])
        }
    }

    public var description: String { message.description }
}

extension Policy {
    /// Loads and validates a policy file (SPEC 1.5).
    ///
    /// Errors name the file as given in `path`.
    public static func load(path: String) throws(PolicyError) -> Policy {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PolicyError.unreadable(file: path, reason: SystemText.reason(of: error))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) } // Notepad's BOM
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError.unreadable(file: path, reason: PolicyText.notUTF8())
        }
        return try parse(text, file: path)
    }

    /// A key from the file as TOML writes it: bare when it is letters, digits, `_` and `-`, else quoted, so an
    /// empty key (`'' = 1`) or one with a dot or a space is named unmistakably.
    static func tomlKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
            || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if bare { return key }
        let escaped = key.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: return String(format: "\\u%04X", scalar.value)
            default: return String(scalar)
            }
        }.joined()
        return "\"\(escaped)\""
    }

    /// Validates policy TOML text; `file` names it in errors.
    ///
    /// Decided where SPEC is silent: `name` may be left out (the file name without its extension
    /// is used); `coarse` must be given for every level, so a rule never silently drops coarse
    /// exposures; `days` must be positive even for `action = "none"`; `lookback_days` may be 0
    /// (the as-of day only); both are capped at 3660 days to catch typos and keep day arithmetic
    /// in range.
    public static func parse(_ text: String, file: String) throws(PolicyError) -> Policy {
        if let problem = TOMLPreflight.problem(in: text) {
            // toml++ would abort the process here instead of reporting it.
            throw PolicyError.malformed(file: file, line: problem.line, column: problem.column, message: problem.message)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PolicyError.malformed(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                        message: PolicyText.parserSaid(["detail": error.description]))
        } catch {
            throw PolicyError.malformed(file: file, line: 0, column: 0, message: PolicyText.parserSaid(["detail": "\(error)"]))
        }

        var problems: [PolicyProblem] = []
        func problem(_ key: String, _ message: Message) { problems.append(PolicyProblem(key: key, message: message)) }

        for key in root.keys.sorted() where !["name", "lookback_days", "levels", "health_code"].contains(key) {
            problem(tomlKey(key), PolicyText.unknownKey())
        }

        var name = (file as NSString).lastPathComponent
        name = (name as NSString).deletingPathExtension
        if let value = root["name"] {
            if let string = value.string { name = string } else { problem("name", PolicyText.nameNotText(["found": describe(value)])) }
        }

        let maxDays = 3660
        var lookback = 0
        if let value = root["lookback_days"] {
            if let days = value.int {
                if days < 0 { problem("lookback_days", PolicyText.lookbackNegative(["days": days])) }
                else if days > maxDays { problem("lookback_days", PolicyText.lookbackTooLong(["days": days, "max": maxDays])) }
                else { lookback = days }
            } else {
                problem("lookback_days", PolicyText.lookbackNotNumber(["found": describe(value)]))
            }
        } else {
            problem("lookback_days", PolicyText.lookbackMissing())
        }

        var rules: [RiskLevel: LevelRule] = [:]
        let levelNames = RiskLevel.allCases.sorted(by: >).map(\.code) // high, medium, low
        let levelsTable: TOMLTable?
        if let value = root["levels"] {
            levelsTable = value.table
            if levelsTable == nil { problem("levels", PolicyText.levelsNotTable(["found": describe(value)])) }
        } else {
            levelsTable = nil
            problem("levels", PolicyText.levelsMissing())
        }
        if let levelsTable {
            for key in levelsTable.keys.sorted() where !levelNames.contains(key) {
                problem("levels.\(tomlKey(key))", PolicyText.unknownLevel())
            }
            for level in RiskLevel.allCases.sorted(by: >) {
                let base = "levels.\(level.code)"
                guard let value = levelsTable[level.code] else {
                    problem(base, PolicyText.levelMissing())
                    continue
                }
                guard let table = value.table else {
                    problem(base, PolicyText.levelNotTable(["found": describe(value)]))
                    continue
                }
                for key in table.keys.sorted() where !["action", "days", "coarse"].contains(key) {
                    problem("\(base).\(tomlKey(key))", PolicyText.levelUnknownKey())
                }

                var action: Action?
                let actionList = Action.allCases.sorted(by: >).map(\.code)
                if let value = table["action"] {
                    if let code = value.string {
                        action = Action(code: code)
                        if action == nil { problem("\(base).action", PolicyText.actionUnknown(["value": code, "actions": actionList])) }
                    } else {
                        problem("\(base).action", PolicyText.actionNotText(["actions": actionList, "found": describe(value)]))
                    }
                } else {
                    problem("\(base).action", PolicyText.actionMissing(["actions": actionList]))
                }

                var days: Int?
                if let value = table["days"] {
                    if let n = value.int {
                        if n <= 0 { problem("\(base).days", PolicyText.daysNotPositive(["days": n])) }
                        else if n > maxDays { problem("\(base).days", PolicyText.daysTooLong(["days": n, "max": maxDays])) }
                        else { days = n }
                    } else {
                        problem("\(base).days", PolicyText.daysNotNumber(["found": describe(value)]))
                    }
                } else {
                    problem("\(base).days", PolicyText.daysMissing())
                }

                var coarse: RiskLevel??
                if let value = table["coarse"] {
                    if let code = value.string {
                        if code == "none" { coarse = .some(nil) }
                        else if let level = RiskLevel(code: code) { coarse = .some(level) }
                        else { problem("\(base).coarse", PolicyText.coarseUnknown(["value": code])) }
                    } else {
                        problem("\(base).coarse", PolicyText.coarseNotText(["found": describe(value)]))
                    }
                } else {
                    problem("\(base).coarse", PolicyText.coarseMissing())
                }

                if let action, let days, let coarse {
                    rules[level] = LevelRule(action: action, days: days, coarse: coarse)
                }
            }
        }

        let healthCodes = parseHealthCodes(root["health_code"], problem)

        guard problems.isEmpty else { throw PolicyError.invalid(file: file, problems: problems) }
        return Policy(name: name, lookbackDays: lookback, levels: rules, healthCodes: healthCodes)
    }

    /// `[health_code]` (SPEC 9): an action → colour table laid over the defaults; absent, the defaults.
    private static func parseHealthCodes(_ value: TOMLValueConvertible?, _ problem: (String, Message) -> Void) -> HealthCodePolicy {
        var policy = HealthCodePolicy.defaults
        guard let value else { return policy }
        let actions = HealthCodePolicy.actions.map(\.code)
        let colours = HealthColour.allCases.map(\.rawValue)
        guard let table = value.table else {
            problem("health_code", HealthCodeText.notTable(["found": describe(value)]))
            return policy
        }
        for key in table.keys.sorted() {
            let name = "health_code.\(tomlKey(key))"
            guard let action = Action(code: key), action != .none else {
                problem(name, HealthCodeText.unknownAction(["actions": actions]))
                continue
            }
            guard let text = table[key]?.string else {
                problem(name, HealthCodeText.colourNotText(["colours": colours, "found": table[key].map(describe) ?? HealthCodeText.foundNothing()]))
                continue
            }
            guard let colour = HealthColour(rawValue: text) else {
                problem(name, HealthCodeText.colourUnknown(["value": text, "colours": colours]))
                continue
            }
            policy.colours[action] = colour
        }
        return policy
    }

    /// A TOML value's type and text, for "found …" in messages.
    private static func describe(_ value: TOMLValueConvertible) -> Message {
        switch value.type {
        case .table: return PolicyText.foundTable()
        case .array: return PolicyText.foundArray()
        case .string: return PolicyText.foundText(["text": value.string ?? ""])
        default: return PolicyText.foundValue(["type": "\(value.type)", "value": value.tomlValue.debugDescription])
        }
    }
}
