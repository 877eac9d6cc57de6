/// The policy's `[health_code]` (SPEC 9): why it cannot be used, and the colours as health-code reasons say them.
public enum HealthCodeText: String, MessageEntry {
    case notTable, unknownAction, colourNotText, colourUnknown, foundNothing, red, yellow, green

    public static let area = "health_code"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .notTable:
            ("应为把措施对应到颜色的表（[health_code] 下写如 home_quarantine = \"red\" 的行），实际是{found}",
             "expected a table mapping actions to colours ([health_code] with lines like home_quarantine = \"red\"), found {found}")
        case .unknownAction:
            ("未知的措施；[health_code] 把 {actions} 对应到颜色", "unknown action; [health_code] maps {actions} to a colour")
        case .colourNotText:
            ("应为带引号的 {colours} 之一，实际是{found}", "expected one of {colours} in quotes, found {found}")
        case .colourUnknown:
            ("“{value}”不是 {colours} 之一", "\"{value}\" is not one of {colours}")
        case .foundNothing:
            ("空", "nothing")
        case .red: ("红码", "red code")
        case .yellow: ("黄码", "yellow code")
        case .green: ("绿码", "green code")
        }
    }
}
