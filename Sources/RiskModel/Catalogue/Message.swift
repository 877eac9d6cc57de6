/// One thing said to a person: an entry of the catalogue and its arguments, rendered in a language at the edge.
///
/// Errors, warnings, reject reasons and command output carry messages, not strings; `description` renders in
/// the process's language (`Language.current`), `text(in:)` in the one asked for. The texts are the catalogue's
/// (`Sources/RiskModel/Catalogue/`): `{name}` is replaced by the argument `name`, `{name?one|other}` picks
/// `one` when that argument is the number 1 and `other` otherwise (English plurals), `{{` and `}}` are braces.
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// The entry's stable key, `area.name` (`reject.id_check_character`).
    public let key: String
    let chinese: String
    let english: String
    public let arguments: [Argument]

    /// A named argument.
    public struct Argument: Sendable, Hashable {
        public var name: String
        public var value: Value
    }

    /// What an argument holds; a nested message or list renders in the same language as its message.
    public indirect enum Value: Sendable, Hashable {
        /// Shown as it is: a file name, a value from a file, a code.
        case text(String)
        case number(Int)
        case message(Message)
        case list([Value], ListStyle)
        /// A feed's column by its canonical name (`id_no`), shown as the feed's own header spells it once a reader
        /// has named it (`Message.namingColumns`), else as the canonical name.
        case column(String)
    }

    /// How the items of a list are joined.
    public enum ListStyle: Sendable, Hashable {
        /// `、` in Chinese, `, ` in English.
        case comma
        /// One item per line.
        case lines
        /// `，` in Chinese, `, ` in English: between items that hold `、` themselves.
        case clauses
        /// `和` in Chinese, ` and ` in English.
        case and
    }

    public init<Entry: MessageEntry>(_ entry: Entry, _ arguments: KeyValuePairs<String, any MessageArgument> = [:]) {
        key = Entry.area + "." + entry.name
        (chinese, english) = entry.texts
        self.arguments = arguments.map { Argument(name: $0.key, value: $0.value.messageValue) }
    }

    private init(key: String, chinese: String, english: String, arguments: [Argument]) {
        self.key = key
        self.chinese = chinese
        self.english = english
        self.arguments = arguments
    }

    /// The entry's name without its area (`id_check_character`): for a reject reason, the `code` of `rejects.csv`.
    public var code: String {
        guard let dot = key.lastIndex(of: ".") else { return key }
        return String(key[key.index(after: dot)...])
    }

    /// The message in the process's language.
    public var description: String { text(in: .current) }

    /// The message in `language`.
    public func text(in language: Language) -> String {
        Message.render(language == .chinese ? chinese : english, arguments, language)
    }

    /// The entry's text in `language`, with its placeholders (for the catalogue's own checks).
    public func template(in language: Language) -> String {
        language == .chinese ? chinese : english
    }

    /// The argument `name`, if given.
    public subscript(argument name: String) -> Value? {
        arguments.first { $0.name == name }?.value
    }

    /// The message with each `.column` argument (here and in nested messages) spelled by `header` (canonical name →
    /// the feed's header text); names it does not know stay as they are.
    public func namingColumns(_ header: (String) -> String?) -> Message {
        func rename(_ value: Value) -> Value {
            switch value {
            case let .column(name): return header(name).map { .text($0) } ?? value
            case let .message(m): return .message(m.namingColumns(header))
            case let .list(items, style): return .list(items.map(rename), style)
            case .text, .number: return value
            }
        }
        return Message(key: key, chinese: chinese, english: english,
                       arguments: arguments.map { Argument(name: $0.name, value: rename($0.value)) })
    }

    static func render(_ template: String, _ arguments: [Argument], _ language: Language) -> String {
        // On bytes: `contains("{")` with a string goes through Foundation's string search, slow on Chinese text.
        guard template.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return template }
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            let next = template.index(after: i)
            if c == "}" {
                out.append("}")
                i = next < template.endIndex && template[next] == "}" ? template.index(after: next) : next
                continue
            }
            guard c == "{" else {
                out.append(c)
                i = next
                continue
            }
            if next < template.endIndex, template[next] == "{" {
                out.append("{")
                i = template.index(after: next)
                continue
            }
            guard let close = template[next...].firstIndex(of: "}") else {
                out += template[i...]
                break
            }
            out += placeholder(template[next..<close], arguments, language)
            i = template.index(after: close)
        }
        return out
    }

    /// One `{…}`: `name`, or `name?one|other`.
    private static func placeholder(_ spec: Substring, _ arguments: [Argument], _ language: Language) -> String {
        let parts = spec.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard let value = arguments.first(where: { $0.name == name })?.value else { return "{\(spec)}" }
        guard parts.count == 2 else { return render(value, language) }
        let forms = parts[1].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        if case .number(1) = value { return String(forms[0]) }
        return String(forms.count == 2 ? forms[1] : forms[0])
    }

    static func render(_ value: Value, _ language: Language) -> String {
        switch value {
        case let .text(text): return text
        case let .number(n): return String(n)
        case let .message(m): return m.text(in: language)
        case let .column(name): return name
        case let .list(items, style):
            let separator: String
            switch style {
            case .comma: separator = language == .chinese ? "、" : ", "
            case .clauses: separator = language == .chinese ? "，" : ", "
            case .lines: separator = "\n"
            case .and: separator = language == .chinese ? "和" : " and "
            }
            return items.map { render($0, language) }.joined(separator: separator)
        }
    }

    /// The names of a text's placeholders (`file` of `{file}`, `n` of `{n?row|rows}`).
    public static func placeholders(in template: String) -> Set<String> {
        var names = Set<String>()
        var rest = template.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "")[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}") else { break }
            names.insert(String(rest[after..<close].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// A value a message can take as an argument.
public protocol MessageArgument: Sendable {
    var messageValue: Message.Value { get }
}

extension String: MessageArgument {
    public var messageValue: Message.Value { .text(self) }
}

extension Substring: MessageArgument {
    public var messageValue: Message.Value { .text(String(self)) }
}

extension Int: MessageArgument {
    public var messageValue: Message.Value { .number(self) }
}

extension Int32: MessageArgument {
    public var messageValue: Message.Value { .number(Int(self)) }
}

extension Int64: MessageArgument {
    public var messageValue: Message.Value { .number(Int(self)) }
}

extension Message: MessageArgument {
    public var messageValue: Message.Value { .message(self) }
}

extension Message.Value: MessageArgument {
    public var messageValue: Message.Value { self }
}

extension Day: MessageArgument {
    public var messageValue: Message.Value { .text(description) }
}

extension RegionCode: MessageArgument {
    public var messageValue: Message.Value { .text(description) }
}

/// A list of items joined as the language joins them (`、` or `, `).
extension Array: MessageArgument where Element: MessageArgument {
    public var messageValue: Message.Value { .list(map(\.messageValue), .comma) }
}

extension Message.Value {
    /// Items one per line.
    public static func lines(_ items: [any MessageArgument]) -> Message.Value { .list(items.map(\.messageValue), .lines) }
    /// Items joined by `，` / `, `.
    public static func clauses(_ items: [any MessageArgument]) -> Message.Value { .list(items.map(\.messageValue), .clauses) }
    /// Nothing: an optional part of a message that does not apply.
    public static let none = Message.Value.text("")
}

/// An entry of the catalogue: a case of one of its areas, with its text in both languages.
public protocol MessageEntry: Sendable, CaseIterable {
    /// The area's part of the keys (`reject`).
    static var area: String { get }
    /// The entry's part of the key, snake_case (`id_check_character`).
    var name: String { get }
    /// The text in Simplified Chinese and in English, with the same placeholders.
    var texts: (chinese: String, english: String) { get }
}

extension MessageEntry where Self: RawRepresentable, RawValue == String {
    /// The case's name in snake_case (`idCheckCharacter` → `id_check_character`).
    public var name: String {
        // Case names are ASCII; bytes, not `Character.isUppercase`, since every message made names its entry (a
        // health-code reason makes one per measure).
        var out: [UInt8] = []
        out.reserveCapacity(rawValue.utf8.count + 4)
        for byte in rawValue.utf8 {
            if byte >= 0x41 && byte <= 0x5A {
                out.append(0x5F)
                out.append(byte + 0x20)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension MessageEntry {
    /// The message of this entry with `arguments`.
    public func callAsFunction(_ arguments: KeyValuePairs<String, any MessageArgument> = [:]) -> Message {
        Message(self, arguments)
    }
}
