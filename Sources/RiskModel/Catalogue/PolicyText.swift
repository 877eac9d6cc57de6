/// A policy file that cannot be used (SPEC 1.5), and TOML that the parser could not be given.
public enum PolicyText: String, MessageEntry {
    case unreadable, notUTF8, malformed, problem, parserSaid
    case unknownKey, nameNotText, lookbackNegative, lookbackTooLong, lookbackNotNumber, lookbackMissing
    case levelsNotTable, levelsMissing, unknownLevel, levelMissing, levelNotTable, levelUnknownKey
    case actionUnknown, actionNotText, actionMissing, daysNotPositive, daysTooLong, daysNotNumber, daysMissing
    case coarseUnknown, coarseNotText, coarseMissing
    case foundTable, foundArray, foundText, foundValue
    case tomlHeader, tomlBrace, tomlDate

    public static let area = "policy"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .unreadable:
            ("{file}：无法读取政策文件：{reason}；请检查 --policy 的路径", "{file}: cannot read the policy file: {reason}; check the --policy path")
        case .notUTF8:
            ("不是 UTF-8 文本（请另存为 UTF-8）", "it is not UTF-8 text (save it as UTF-8)")
        case .malformed:
            ("{file}:{line}:{column}：不是有效的 TOML：{detail}；请改正该处的语法",
             "{file}:{line}:{column}: not valid TOML: {detail}; fix the syntax at that place")
        case .problem:
            ("{file}：{key}：{problem}", "{file}: {key}: {problem}")
        case .parserSaid:
            ("{detail}", "{detail}")
        case .unknownKey:
            ("未知的键；政策文件只有 name、lookback_days、[levels.high]、[levels.medium]、[levels.low] 和 [health_code]",
             "unknown key; a policy has only name, lookback_days, [levels.high], [levels.medium], [levels.low] and [health_code]")
        case .nameNotText:
            ("应为带引号的文字，实际是{found}", "expected text in quotes, found {found}")
        case .lookbackNegative:
            ("是 {days}；须为 0 天或以上", "is {days}; it must be 0 or more days")
        case .lookbackTooLong:
            ("是 {days}；最多 {max} 天", "is {days}; it must be at most {max} days")
        case .lookbackNotNumber:
            ("应为整数天数，实际是{found}", "expected a whole number of days, found {found}")
        case .lookbackMissing:
            ("缺失；请写明筛查截止日期之前多少天，例如 lookback_days = 14",
             "missing; say how many days before the as-of date to screen, e.g. lookback_days = 14")
        case .levelsNotTable:
            ("应为表（[levels.high] …），实际是{found}", "expected a table ([levels.high] …), found {found}")
        case .levelsMissing:
            ("缺失；请加入 [levels.high]、[levels.medium] 和 [levels.low]", "missing; add [levels.high], [levels.medium] and [levels.low]")
        case .unknownLevel:
            ("未知的等级；等级只有 high、medium 和 low", "unknown level; the levels are high, medium and low")
        case .levelMissing:
            ("缺失；每个等级都需要 action、days 和 coarse", "missing; every level needs action, days and coarse")
        case .levelNotTable:
            ("应为包含 action、days 和 coarse 的表，实际是{found}", "expected a table with action, days and coarse, found {found}")
        case .levelUnknownKey:
            ("未知的键；等级只有 action、days 和 coarse", "unknown key; a level has only action, days and coarse")
        case .actionUnknown:
            ("“{value}”不是 {actions} 之一", "\"{value}\" is not one of {actions}")
        case .actionNotText:
            ("应为带引号的 {actions} 之一，实际是{found}", "expected one of {actions} in quotes, found {found}")
        case .actionMissing:
            ("缺失；应为 {actions} 之一", "missing; one of {actions}")
        case .daysNotPositive:
            ("是 {days}；须为 1 天或以上", "is {days}; it must be 1 or more days")
        case .daysTooLong:
            ("是 {days}；最多 {max} 天", "is {days}; it must be at most {max} days")
        case .daysNotNumber:
            ("应为整数天数，实际是{found}", "expected a whole number of days, found {found}")
        case .daysMissing:
            ("缺失；措施在最后一次暴露后持续多少天", "missing; how many days the measure lasts after the last exposure")
        case .coarseUnknown:
            ("“{value}”不是 high、medium、low、none 之一", "\"{value}\" is not one of high, medium, low, none")
        case .coarseNotText:
            ("应为带引号的 high、medium、low、none 之一，实际是{found}", "expected one of high, medium, low, none in quotes, found {found}")
        case .coarseMissing:
            ("缺失；行程只知道到包含该地区的上级地区时采用的等级（high、medium、low 或 none）",
             "missing; the level used when a stay is known only at a containing region (high, medium, low or none)")
        case .foundTable: ("一个表", "a table")
        case .foundArray: ("一个数组", "an array")
        case .foundText: ("文字“{text}”", "text \"{text}\"")
        case .foundValue: ("{type} {value}", "{type} {value}")
        case .tomlHeader:
            ("表头的 [ 之后须有键名（字母、数字、_ 或 -，或带引号的键）",
             "a table header needs a key after [ (letters, digits, _ or -, or a quoted key)")
        case .tomlBrace:
            ("数组中的 } 没有对应的开括号；请用 ] 结束数组（内联表写作 {{ … }}）",
             "a } inside an array closes nothing; close the array with ] (an inline table is {{ … }})")
        case .tomlDate:
            ("既不是日期也不是日期时间；请写 2020-01-20、2020-01-20T08:00:00 或 2020-01-20 08:00:00",
             "not a date nor a date and time; write 2020-01-20, 2020-01-20T08:00:00 or 2020-01-20 08:00:00")
        }
    }
}
