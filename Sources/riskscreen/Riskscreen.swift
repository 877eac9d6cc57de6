import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

@main
struct Riskscreen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: HelpText.rootAbstract().description,
        discussion: HelpText.rootDiscussion().description,
        version: programVersion,
        subcommands: [Run.self, Check.self, Explain.self, Diff.self, Rules.self, History.self, Feedback.self, Purge.self, Print.self, Generate.self]
    )

    /// Runs the command; a usage error exits 1 as SPEC 4 says, not argument-parser's 64 (`EX_USAGE`).
    ///
    /// The language is chosen before the arguments are parsed (SPEC 11), so that `--help` and the parser's own
    /// errors are in it too.
    static func main() {
        Language.use(chooseLanguage(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
        exitOnTruncatedFeed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(UsageText.translatingParser(fullMessage(for: error), to: .current))
                Foundation.exit(1)
            }
            if code == .success, !(error is ExitCode) {
                // Help and the version, with the parser's headings in the chosen language.
                print(UsageText.translatingParser(fullMessage(for: error), to: .current))
                Foundation.exit(0)
            }
            exit(withError: error)
        }
    }

    /// SPEC 11: `--lang` if given, else the `language` of the config named by `--config`, else the locale.
    static func chooseLanguage(_ arguments: [String], environment: [String: String]) -> Language {
        func value(of flag: String) -> String? {
            var found: String?
            for (i, argument) in arguments.enumerated() {
                if argument == "--" { break }
                if argument == flag, i + 1 < arguments.count { found = arguments[i + 1] }
                if argument.hasPrefix(flag + "=") { found = String(argument.dropFirst(flag.count + 1)) }
            }
            return found
        }
        let flag = value(of: "--lang").flatMap(Language.init(code:))
        let config = flag == nil ? value(of: "--config").flatMap { RunSettings.language(config: $0) } : nil
        return Language.choose(flag: flag, config: config, environment: environment)
    }
}

/// `--lang`, accepted by every command; read before parsing (`Riskscreen.chooseLanguage`), checked here.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(HelpText.lang().description, valueName: "zh|en"))
    var lang: String?

    func validate() throws {
        if let lang, Language(code: lang) == nil { throw ValidationError(UsageText.badLang(["value": lang]).description) }
    }
}

/// Feeds and store files are read through mappings: one cut short by another program while it is read raises
/// SIGBUS. That is an unreadable input (SPEC 4: status 2), not a crash; nothing has been committed at that point.
func exitOnTruncatedFeed() {
    signal(SIGBUS) { _ in
        // Only async-signal-safe calls here (an atomic load, write(2), _exit(2)), and a message that needs no allocation.
        let message = SystemText.busError(in: Language.current)
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        _exit(2)
    }
}

/// Prints a message on standard error, control characters from files (NUL, ESC, C1) shown as `U+0000`.
func printError(_ message: String) {
    let text = message.hasSuffix("\n") ? message : message + "\n"
    FileHandle.standardError.write(Data(terminalSafe(text).utf8))
}

/// The text with every control character but line feed and tab written as `U+XXXX`: a message quoting a file's
/// bytes must not put raw NULs or escape sequences on an operator's terminal or in a cron mail.
func terminalSafe(_ text: String) -> String {
    func unsafe(_ s: Unicode.Scalar) -> Bool { (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value) }
    guard text.unicodeScalars.contains(where: unsafe) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if unsafe(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out.append(contentsOf: ("U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
        } else {
            out.append(scalar)
        }
    }
    return String(out)
}

/// Prints a warning of a command that has no logger (`explain`, `history`, `purge`).
func warn(_ message: Message) {
    printError(UsageText.warning(["message": IDRedaction.redact(message.description)]).description)
}

/// Prints lines on standard output in the process's language.
///
/// Through `IDRedaction` as every message is: commands mask the people they name, and an ID number inside another
/// value they print (a grid id built from one) is masked too.
func show(_ lines: [Message]) {
    for line in lines { print(IDRedaction.redact(line.description)) }
}

/// A day given on the command line in any form SPEC 1.1 accepts, checked in `validate()`.
func day(_ text: String?, flag: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = RunSettings.day(text) else { throw ValidationError(UsageText.badDate(["flag": flag, "value": text]).description) }
    return day
}

/// Exits with the status SPEC 4 gives a run error, after printing it.
func fail(_ error: RunError) -> ExitCode {
    // A safety net: no message should hold an ID number, and none leaves the program unmasked if one does.
    printError(UsageText.error(["message": IDRedaction.redact(error.description)]).description)
    if case let .stopped(signal) = error { StopRequest.endBySignal(signal) }
    return ExitCode(error.exitCode)
}
