import Synchronization

/// The language of everything written for the office (SPEC 11): Simplified Chinese or English.
///
/// Chosen once, at the start of the process, by the first of `--lang`, the config's `language` and the locale
/// (`Language.choose`); messages render in it at the edge (`Message.description`). Notices, cover lists,
/// worklists and health-code reasons are Chinese whatever it is.
public enum Language: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case chinese = 1
    case english = 2

    /// `zh` or `en`, as `--lang` and the config's `language` take it.
    public var code: String {
        switch self {
        case .chinese: "zh"
        case .english: "en"
        }
    }

    public var description: String { code }

    /// The language of a `--lang` or `language` value: `zh` or `en`, in any letter case; nil for anything else.
    public init?(code: String) {
        switch code.lowercased() {
        case "zh": self = .chinese
        case "en": self = .english
        default: return nil
        }
    }

    /// The language a locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty;
    /// one starting with `zh` (`zh_CN.UTF-8`, `zh_TW`) means Chinese, any other (or none) English.
    public static func ofLocale(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .chinese : .english
        }
        return .english
    }

    /// SPEC 11's choice: `--lang` if given, else the config's `language`, else the locale.
    public static func choose(flag: Language?, config: Language?, environment: [String: String]) -> Language {
        flag ?? config ?? ofLocale(environment)
    }

    /// The process's language; English until the executable sets it.
    ///
    /// An atomic rather than a lock: a signal handler reads it to word its last message (SIGBUS).
    public static var current: Language {
        Language(rawValue: chosen.load(ordering: .relaxed)) ?? .english
    }

    /// Sets the process's language; the executable calls it once, before it parses its arguments.
    public static func use(_ language: Language) {
        chosen.store(language.rawValue, ordering: .relaxed)
    }
}

private let chosen = Atomic<UInt8>(Language.english.rawValue)
