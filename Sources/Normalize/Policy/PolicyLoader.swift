import Foundation
import RiskModel
import TOMLKit

/// One thing wrong with a policy file, naming the key at fault (`levels.medium.action`).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// The dotted key (`levels.high.days`), or `levels.high` for a missing table.
    public var key: String
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// Why a policy file cannot be used (SPEC 1.5); every case names the file, and `invalid` lists every problem.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read, or is not UTF-8.
    case unreadable(file: String, reason: String)
    /// The file is not valid TOML; `line` and `column` are 1-based, as TOMLKit reports them.
    case malformed(file: String, line: Int, column: Int, message: String)
    /// The file is valid TOML but breaks the policy rules, for all these reasons.
    case invalid(file: String, problems: [PolicyProblem])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the policy file: \(reason); check the --policy path"
        case .malformed(let file, let line, let column, let message):
            return "\(file):\(line):\(column): not valid TOML: \(message); fix the syntax at that place"
        case .invalid(let file, let problems):
            return problems.map { "\(file): \($0)" }.joined(separator: "\n")
        }
    }
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
            var reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            while reason.hasSuffix(".") { reason.removeLast() }
            throw PolicyError.unreadable(file: path, reason: reason)
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) } // Notepad's BOM
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError.unreadable(file: path, reason: "it is not UTF-8 text (save it as UTF-8)")
        }
        return try parse(text, file: path)
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
                                        message: error.description)
        } catch {
            throw PolicyError.malformed(file: file, line: 0, column: 0, message: "\(error)")
        }

        var problems: [PolicyProblem] = []
        func problem(_ key: String, _ message: String) { problems.append(PolicyProblem(key: key, message: message)) }

        for key in root.keys.sorted() where !["name", "lookback_days", "levels", "health_code"].contains(key) {
            problem(key, "unknown key; a policy has only name, lookback_days, [levels.high], [levels.medium], [levels.low] and [health_code]")
        }

        var name = (file as NSString).lastPathComponent
        name = (name as NSString).deletingPathExtension
        if let value = root["name"] {
            if let string = value.string { name = string } else { problem("name", "expected text in quotes, found \(describe(value))") }
        }

        let maxDays = 3660
        var lookback = 0
        if let value = root["lookback_days"] {
            if let days = value.int {
                if days < 0 { problem("lookback_days", "is \(days); it must be 0 or more days") }
                else if days > maxDays { problem("lookback_days", "is \(days); it must be at most \(maxDays) days") }
                else { lookback = days }
            } else {
                problem("lookback_days", "expected a whole number of days, found \(describe(value))")
            }
        } else {
            problem("lookback_days", "missing; say how many days before the as-of date to screen, e.g. lookback_days = 14")
        }

        var rules: [RiskLevel: LevelRule] = [:]
        let levelNames = RiskLevel.allCases.sorted(by: >).map(\.code) // high, medium, low
        let levelsTable: TOMLTable?
        if let value = root["levels"] {
            levelsTable = value.table
            if levelsTable == nil { problem("levels", "expected a table ([levels.high] …), found \(describe(value))") }
        } else {
            levelsTable = nil
            problem("levels", "missing; add [levels.high], [levels.medium] and [levels.low]")
        }
        if let levelsTable {
            for key in levelsTable.keys.sorted() where !levelNames.contains(key) {
                problem("levels.\(key)", "unknown level; the levels are high, medium and low")
            }
            for level in RiskLevel.allCases.sorted(by: >) {
                let base = "levels.\(level.code)"
                guard let value = levelsTable[level.code] else {
                    problem(base, "missing; every level needs action, days and coarse")
                    continue
                }
                guard let table = value.table else {
                    problem(base, "expected a table with action, days and coarse, found \(describe(value))")
                    continue
                }
                for key in table.keys.sorted() where !["action", "days", "coarse"].contains(key) {
                    problem("\(base).\(key)", "unknown key; a level has only action, days and coarse")
                }

                var action: Action?
                let actionList = Action.allCases.sorted(by: >).map(\.code).joined(separator: ", ")
                if let value = table["action"] {
                    if let code = value.string {
                        action = Action(code: code)
                        if action == nil { problem("\(base).action", "\"\(code)\" is not one of \(actionList)") }
                    } else {
                        problem("\(base).action", "expected one of \(actionList) in quotes, found \(describe(value))")
                    }
                } else {
                    problem("\(base).action", "missing; one of \(actionList)")
                }

                var days: Int?
                if let value = table["days"] {
                    if let n = value.int {
                        if n <= 0 { problem("\(base).days", "is \(n); it must be 1 or more days") }
                        else if n > maxDays { problem("\(base).days", "is \(n); it must be at most \(maxDays) days") }
                        else { days = n }
                    } else {
                        problem("\(base).days", "expected a whole number of days, found \(describe(value))")
                    }
                } else {
                    problem("\(base).days", "missing; how many days the measure lasts after the last exposure")
                }

                var coarse: RiskLevel??
                if let value = table["coarse"] {
                    if let code = value.string {
                        if code == "none" { coarse = .some(nil) }
                        else if let level = RiskLevel(code: code) { coarse = .some(level) }
                        else { problem("\(base).coarse", "\"\(code)\" is not one of high, medium, low, none") }
                    } else {
                        problem("\(base).coarse", "expected one of high, medium, low, none in quotes, found \(describe(value))")
                    }
                } else {
                    problem("\(base).coarse", "missing; the level used when a stay is known only at a containing region (high, medium, low or none)")
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
    private static func parseHealthCodes(_ value: TOMLValueConvertible?, _ problem: (String, String) -> Void) -> HealthCodePolicy {
        var policy = HealthCodePolicy.defaults
        guard let value else { return policy }
        let actionList = HealthCodePolicy.actions.map(\.code).joined(separator: ", ")
        let colourList = HealthColour.allCases.map(\.rawValue).joined(separator: ", ")
        guard let table = value.table else {
            problem("health_code", "expected a table mapping actions to colours ([health_code] with lines like home_quarantine = \"red\"), found \(describe(value))")
            return policy
        }
        for key in table.keys.sorted() {
            let name = "health_code.\(key)"
            guard let action = Action(code: key), action != .none else {
                problem(name, "unknown action; [health_code] maps \(actionList) to a colour")
                continue
            }
            guard let text = table[key]?.string else {
                problem(name, "expected one of \(colourList) in quotes, found \(table[key].map(describe) ?? "nothing")")
                continue
            }
            guard let colour = HealthColour(rawValue: text) else {
                problem(name, "\"\(text)\" is not one of \(colourList)")
                continue
            }
            policy.colours[action] = colour
        }
        return policy
    }

    /// A TOML value's type and text, for "found …" in messages.
    private static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "text \"\(value.string ?? "")\""
        default: return "\(value.type) \(value.tomlValue.debugDescription)"
        }
    }
}
