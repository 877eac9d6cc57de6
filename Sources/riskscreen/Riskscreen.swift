import ArgumentParser
import Foundation
import Logging
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
        subcommands: [Run.self, Check.self, Explain.self, Diff.self, History.self, Feedback.self, Purge.self, Print.self, Generate.self]
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

/// Prints a message on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
}

/// Exits with the status SPEC 4 gives a run error, after printing it.
func fail(_ error: RunError) -> ExitCode {
    // A safety net: no message should hold an ID number, and none leaves the program unmasked if one does.
    printError("riskscreen: \(IDRedaction.redact(error.description))")
    return ExitCode(error.exitCode)
}
