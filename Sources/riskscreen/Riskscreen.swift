import ArgumentParser
import Foundation
import Logging
import Machinery
import Pipeline
import RiskModel

@main
struct Riskscreen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Screen travel records against risk regions and issue quarantine notices.",
        discussion: """
            A nightly batch for district epidemic-prevention offices: travel feeds (stays) and the residence \
            snapshot are matched against the risk-region rule file under a policy; each community gets its \
            notices to print and a worklist. See README.md for the input formats.
            """,
        version: programVersion,
        subcommands: [Run.self, Check.self, Explain.self, Diff.self, Rules.self, History.self, Feedback.self, Purge.self, Print.self, Generate.self]
    )

    /// Runs the command; a usage error exits 1 as SPEC 4 says, not argument-parser's 64 (`EX_USAGE`).
    static func main() {
        exitOnTruncatedFeed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// Feeds and store files are read through mappings: one cut short by another program while it is read raises
/// SIGBUS. That is an unreadable input (SPEC 4: status 2), not a crash; nothing has been committed at that point.
func exitOnTruncatedFeed() {
    signal(SIGBUS) { _ in
        // Only async-signal-safe calls here (write(2), _exit(2)), and a message that needs no allocation.
        let message: StaticString = """
            riskscreen: an input file got shorter while it was being read (SIGBUS); \
            deliver feeds whole (write under another name, then rename) and run again

            """
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
func warn(_ message: String) {
    printError("riskscreen: warning: \(IDRedaction.redact(message))")
}

/// Exits with the status SPEC 4 gives a run error, after printing it.
func fail(_ error: RunError) -> ExitCode {
    // A safety net: no message should hold an ID number, and none leaves the program unmasked if one does.
    printError("riskscreen: \(IDRedaction.redact(error.description))")
    if case let .stopped(signal) = error { StopRequest.endBySignal(signal) }
    return ExitCode(error.exitCode)
}
