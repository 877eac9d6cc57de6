import Foundation
import Glibc
import Logging
import Pipeline
import RiskModel
import Synchronization

/// How each log event is written: logfmt (`key=value`) or one JSON object per line.
enum LogFormat: String, CaseIterable, Sendable {
    case logfmt
    case json
}

/// One destination of log lines with its own threshold: the terminal (stderr) or an appended log file.
final class LogSink: Sendable {
    let level: Logger.Level
    private let console: Console?
    private let file: FileHandle?
    /// Serialises appends to the file, so lines from several threads never interleave.
    private let appending = Mutex(())

    /// Lines go to stderr through `console`, drawn above any progress line.
    init(console: Console, level: Logger.Level) {
        self.console = console
        file = nil
        self.level = level
        tightened = nil
    }

    /// Set when an existing log file was readable by more users than SPEC 5 allows and has been tightened.
    let tightened: String?

    /// Lines are appended to `path` (created with its folder when missing).
    ///
    /// A new file is 0640 in a new folder 0750 (SPEC 5: a print server's group may read it, nobody else),
    /// whatever the umask; an existing file more open than 0640 is tightened.
    init(appendingTo path: String, level: Logger.Level) throws {
        let url = URL(fileURLWithPath: path)
        var missing: [String] = []
        var folder = url.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" {
            missing.append(folder.path)
            folder.deleteLastPathComponent()
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        for created in missing { _ = chmod(created, 0o750) }
        var tightened: String?
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            _ = chmod(path, 0o640)
        } else {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o137 != 0, chmod(path, info.st_mode & 0o640) == 0 {
                tightened = "\(path): the log file was readable by more users than it should be; tightened from "
                    + "\(String(info.st_mode & 0o777, radix: 8)) to \(String(info.st_mode & 0o640, radix: 8))"
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        file = handle
        console = nil
        self.level = level
        self.tightened = tightened
    }

    func write(_ line: String) {
        if let console { console.writeLine(line) }
        if let file {
            appending.withLock { _ in try? file.write(contentsOf: Data((line + "\n").utf8)) }
        }
    }
}

/// A swift-log handler writing one line per event: time, level, message, the run's metadata and the event's.
///
/// Everything written passes through `IDRedaction`, a safety net behind the rule that ID numbers are
/// never logged: an 18-character resident ID in a message or a value comes out as `330111********123X`.
struct LineLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let format: LogFormat
    let sinks: [LogSink]
    private var threshold: Logger.Level

    init(format: LogFormat, sinks: [LogSink], metadata: Logger.Metadata = [:]) {
        self.format = format
        self.sinks = sinks
        self.metadata = metadata
        threshold = sinks.map(\.level).min() ?? .critical
    }

    /// The lowest level any sink wants; each sink filters further.
    var logLevel: Logger.Level {
        get { threshold }
        set { threshold = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let own = event.metadata { all.merge(own) { _, new in new } }
        let line = LineLogHandler.format(time: Date(), level: event.level, message: event.message.description,
                                         metadata: all, format: format)
        for sink in sinks where event.level >= sink.level { sink.write(line) }
    }

    /// The line for one event; keys in a fixed order (`ts level msg`, then metadata sorted) so lines diff well.
    static func format(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata, format: LogFormat) -> String {
        var fields: [(String, String)] = [("ts", timestamp(time)), ("level", level.rawValue), ("msg", IDRedaction.redact(message))]
        for key in metadata.keys.sorted() {
            fields.append((key, IDRedaction.redact(metadata[key].map(flatten) ?? "")))
        }
        switch format {
        case .logfmt:
            return fields.map { "\($0.0)=\(logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            return "{" + fields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}"
        }
    }

    /// UTC with milliseconds (`2020-02-06T01:30:00.123Z`): one clock for every office.
    static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(ms % 1000))
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case let .string(s): return s
        case let .stringConvertible(c): return c.description
        case let .array(a): return "[" + a.map(flatten).joined(separator: ",") + "]"
        case let .dictionary(d): return "{" + d.keys.sorted().map { "\($0):\(d[$0].map(flatten) ?? "")" }.joined(separator: ",") + "}"
        }
    }

    /// Bare when it is a plain token, else quoted as a JSON string (`"` and `\` escaped, control characters
    /// as `\n`, `\t`, `\u001b`), which logfmt readers take as it is.
    static func logfmtValue(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && !(0x7F...0x9F).contains($0.value) }
        return plain ? s : jsonString(s)
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where c.value < 0x20 || (0x7F...0x9F).contains(c.value): out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
