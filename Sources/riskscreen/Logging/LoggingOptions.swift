import ArgumentParser
import Foundation
import Glibc
import Logging
import Pipeline

extension LogFormat: ExpressibleByArgument {}

/// Log and progress flags: where lines go, in which format, and how many.
struct LoggingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Log line format: logfmt or json.", valueName: "format"))
    var logFormat: LogFormat = .logfmt

    @Option(help: ArgumentHelp("Also append log lines to this file (info level, debug with --verbose), whatever --quiet says.",
                               valueName: "path"))
    var logFile: String?

    @Flag(name: .shortAndLong, help: "Log stage timings and details on stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "On stderr, print only errors and the summary line: no warnings, no progress bar.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet contradict each other; pick one") }
    }

    /// Level of lines on stderr.
    var consoleLevel: Logger.Level { quiet ? .error : verbose ? .debug : .notice }

    /// Whether to draw a progress bar: only on a terminal, never with --quiet.
    var showsProgress: Bool { !quiet && Console.standardError.isTerminal }

    /// A logger writing to stderr and the log file, with `run=<invocation id>` on every line, and one
    /// writing to the log file only (for what stderr already shows in plain words, like the final error).
    func makeLoggers(command: String) throws(RunError) -> (logger: Logger, fileOnly: Logger?) {
        let console = LogSink(console: .standardError, level: consoleLevel)
        var file: LogSink?
        if let logFile {
            do {
                file = try LogSink(appendingTo: logFile, level: verbose ? .debug : .info)
            } catch {
                throw .configuration("\(logFile): cannot append to the log file: \(error.localizedDescription); check the folder exists and is writable")
            }
        }
        let metadata: Logger.Metadata = ["run": .string(LoggingOptions.invocationID()), "cmd": .string(command)]
        let handler = LineLogHandler(format: logFormat, sinks: [console] + (file.map { [$0] } ?? []), metadata: metadata)
        let logger = Logger(label: "riskscreen") { _ in handler }
        if let tightened = file?.tightened { logger.warning("file mode tightened", metadata: ["change": "\(tightened)"]) }
        guard let file else { return (logger, nil) }
        let fileHandler = LineLogHandler(format: logFormat, sinks: [file], metadata: metadata)
        return (logger, Logger(label: "riskscreen") { _ in fileHandler })
    }

    /// Ties together the lines of one invocation: UTC start time and process id (`20200206T013000Z-4242`).
    ///
    /// The run number is known only once the store is open, so it is logged when the run finishes.
    static func invocationID() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ-%d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(getpid()))
    }
}
