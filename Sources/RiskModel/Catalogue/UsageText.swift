/// Usage errors found before a command runs, what the executable prints around messages, and swift-argument-parser's
/// own words: for those, `english` is exactly what the parser prints (placeholders match any text), and `chinese`
/// what is printed instead in Chinese (`UsageText.translatingParser`).
public enum UsageText: String, MessageEntry {
    case badLang, badDate, rejectRateRange, verboseQuiet, badEncoding, onlyAndAdd, purgeNeedsDate, noRetention
    case communityOrAll, copiesRange, badShape, cannotAppendLog, warning, error, rulesWarning
    // swift-argument-parser's text, translated line by line or phrase by phrase.
    case parserOverview, parserUsage, parserArguments, parserOptions, parserSubcommands, parserHelpFlag, parserVersionFlag
    case parserSeeSubcommandHelp, parserSeeHelp, parserError, parserHelp, parserUsageLine
    case parserMissingArgument, parserUnknownOption, parserUnknownOptionSuggestion, parserMissingValue, parserUnexpectedArgument
    case parserInvalidValue
    case parserDefault

    public static let area = "usage"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .badLang: ("--lang 须为 zh 或 en，不能是 {value}", "--lang must be zh or en, not {value}")
        case .badDate:
            ("{flag} 须为日期，如 2020-02-06（也接受 2020/2/6、20200206、2020年2月6日），不能是 {value}",
             "{flag} must be a date like 2020-02-06 (2020/2/6, 20200206, 2020年2月6日 are accepted too), not {value}")
        case .rejectRateRange: ("--max-reject-rate 须在 0 到 1 之间", "--max-reject-rate must be between 0 and 1")
        case .verboseQuiet: ("--verbose 和 --quiet 互相矛盾；请只选一个", "--verbose and --quiet contradict each other; pick one")
        case .badEncoding: ("--encoding 须为 utf-8、gb18030 或 auto，不能是 {value}", "--encoding must be utf-8, gb18030 or auto, not {value}")
        case .onlyAndAdd: ("--only 和 --add 互相矛盾；请只选一个", "--only and --add contradict each other; pick one")
        case .purgeNeedsDate: ("请给出 --before 日期，或给出含 retention_days 的 --config", "give --before DATE, or --config with retention_days")
        case .noRetention: ("配置中没有 retention_days；请给出 --before 日期", "the config has no retention_days; give --before DATE")
        case .communityOrAll: ("请给出 --community（代码或名称）或 --all 之一", "give either --community CODE or NAME, or --all")
        case .copiesRange: ("--copies 须在 1 到 100 之间", "--copies must be between 1 and 100")
        case .badShape: ("--shape {value}：应为 {shapes} 之一", "--shape {value}: expected one of {shapes}")
        case .cannotAppendLog:
            ("{path}：无法追加到日志文件：{reason}；请确认文件夹存在且可写",
             "{path}: cannot append to the log file: {reason}; check the folder exists and is writable")
        case .warning: ("riskscreen：警告：{message}", "riskscreen: warning: {message}")
        case .error: ("riskscreen：{message}", "riskscreen: {message}")
        case .rulesWarning: ("警告：{message}", "warning: {message}")

        case .parserOverview: ("概述：{text}", "OVERVIEW: {text}")
        case .parserUsage: ("用法：{text}", "USAGE: {text}")
        case .parserArguments: ("参数：", "ARGUMENTS:")
        case .parserOptions: ("选项：", "OPTIONS:")
        case .parserSubcommands: ("子命令：", "SUBCOMMANDS:")
        case .parserHelpFlag: ("显示帮助信息。", "Show help information.")
        case .parserVersionFlag: ("显示版本号。", "Show the version.")
        case .parserSeeSubcommandHelp: ("  详细帮助请见 '{command}'。", "  See '{command}' for detailed help.")
        case .parserSeeHelp: ("  更多信息请见 '{command}'。", "  See '{command}' for more information.")
        case .parserError: ("错误：{text}", "Error: {text}")
        case .parserHelp: ("帮助：{text}", "Help: {text}")
        case .parserUsageLine: ("用法：{text}", "Usage: {text}")
        case .parserMissingArgument: ("缺少参数 '{argument}'", "Missing expected argument '{argument}'")
        case .parserUnknownOption: ("未知的选项 '{option}'", "Unknown option '{option}'")
        case .parserUnknownOptionSuggestion: ("未知的选项 '{option}'。是否想用 '{suggestion}'？", "Unknown option '{option}'. Did you mean '{suggestion}'?")
        case .parserMissingValue: ("'{option}' 缺少取值", "Missing value for '{option}'")
        case .parserUnexpectedArgument: ("多余的参数 '{argument}'", "Unexpected argument '{argument}'")
        case .parserInvalidValue: ("取值 '{value}' 对 '{option}' 无效", "The value '{value}' is invalid for '{option}'")
        case .parserDefault: ("（默认：{value}）", "(default: {value})")
        }
    }

    /// Parser text (help, or a usage error) in `language`: each line that matches one of the parser's phrases is
    /// rewritten in that language; other lines (the usage synopsis, option names, our own help texts) stay as they are.
    public static func translatingParser(_ text: String, to language: Language) -> String {
        guard language == .chinese else { return text }
        let lineRules: [UsageText] = [.parserOverview, .parserUsage, .parserArguments, .parserOptions, .parserSubcommands,
                                      .parserSeeSubcommandHelp, .parserSeeHelp, .parserHelp, .parserUsageLine]
        let errorRules: [UsageText] = [.parserUnknownOptionSuggestion, .parserMissingArgument, .parserUnknownOption, .parserMissingValue,
                                       .parserUnexpectedArgument, .parserInvalidValue]
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            for flag in [UsageText.parserHelpFlag, .parserVersionFlag] where line.hasSuffix(flag.texts.english) {
                line = String(line.dropLast(flag.texts.english.count)) + flag.texts.chinese
            }
            // The default the parser appends to an option's help, ` (default: auto)`, at the end of its last line.
            if line.hasSuffix(")"), let open = line.range(of: " (default: ", options: .backwards) {
                let value = String(line[open.upperBound..<line.index(before: line.endIndex)])
                line = String(line[..<open.lowerBound]) + UsageText.parserDefault.fill(["value": value])
            }
            if let captured = match(line, UsageText.parserError.texts.english), let inner = captured["text"] {
                let detail = errorRules.lazy.compactMap { rule in match(inner, rule.texts.english).map { rule.fill($0) } }.first ?? inner
                return Message.render(UsageText.parserError.texts.chinese, [Message.Argument(name: "text", value: .text(detail))], .chinese)
            }
            for rule in lineRules {
                if let captured = match(line, rule.texts.english) { return rule.fill(captured) }
            }
            return line
        }.joined(separator: "\n")
    }

    /// The Chinese text with the captured values.
    private func fill(_ captured: [String: String]) -> String {
        Message.render(texts.chinese, captured.map { Message.Argument(name: $0.key, value: .text($0.value)) }, .chinese)
    }

    /// Where `needle` first occurs in `text`.
    private static func firstIndex(of needle: String, in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        while i < text.endIndex {
            if text[i...].hasPrefix(needle) { return i }
            i = text.index(after: i)
        }
        return nil
    }

    /// The values of a template's placeholders when `text` is the template with some text in each, else nil; each
    /// placeholder takes as little as it can (the last one the rest).
    static func match(_ text: String, _ template: String) -> [String: String]? {
        var pieces: [(literal: String, name: String?)] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            pieces.append((String(rest[..<open]), String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        pieces.append((String(rest), nil))
        var values: [String: String] = [:]
        var cursor = Substring(text)
        for (i, piece) in pieces.enumerated() {
            guard cursor.hasPrefix(piece.literal) else { return nil }
            cursor = cursor.dropFirst(piece.literal.count)
            guard let name = piece.name else { return cursor.isEmpty ? values : nil }
            let next = pieces[i + 1].literal
            if i + 1 == pieces.count - 1 {
                // The last placeholder: the rest of the text, less the closing literal.
                guard cursor.hasSuffix(next) else { return nil }
                values[name] = String(cursor.dropLast(next.count))
                cursor = cursor.suffix(next.count)
            } else {
                guard !next.isEmpty, let end = firstIndex(of: next, in: cursor) else { return nil }
                values[name] = String(cursor[..<end])
                cursor = cursor[end...]
            }
        }
        return values
    }
}
