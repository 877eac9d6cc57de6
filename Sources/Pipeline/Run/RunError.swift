import Emit
import Foundation
import Ingest
import Lifecycle
import Machinery
import Normalize
import RiskModel

/// Why a run stopped, with the exit status SPEC 4 gives it.
public enum RunError: Error, CustomStringConvertible, Sendable {
    /// A flag, config file or policy is wrong (exit 1).
    case configuration(Message)
    /// The rule file, a feed's structure or its reject rate stops the run (exit 2).
    case inputRejected(Message)
    /// Another run holds the state store (exit 3).
    case locked(Message)
    /// Something that is not the user's fault (exit 4).
    case `internal`(Message)
    /// SIGTERM or SIGINT stopped the run before its commit; the process ends by that signal (status 128 + N).
    case stopped(signal: Int32)

    public var exitCode: Int32 {
        switch self {
        case .configuration: return 1
        case .inputRejected: return 2
        case .locked: return 3
        case .internal: return 4
        case let .stopped(signal): return 128 + signal
        }
    }

    public var message: Message {
        switch self {
        case let .configuration(m), let .inputRejected(m), let .locked(m), let .internal(m): return m
        case let .stopped(signal): return RunText.stopped(["signal": StopRequest.name(of: signal)])
        }
    }

    public var description: String { message.description }

    /// Classifies an error thrown by a stage.
    public static func from(_ error: any Error) -> RunError {
        switch error {
        case let e as RunError: return e
        case let e as StopRequest.Stopped: return .stopped(signal: e.signal)
        case let e as PolicyError: return .configuration(e.message)
        case let e as RuleFileError:
            // A rule file named in the config or on the command line that is not there is a configuration error;
            // one that is there but invalid is a rejected input.
            if case .structure(.unreadable) = e { return .configuration(e.message) }
            return .inputRejected(e.message)
        // A gazetteer file is an input like the rule file; a missing national table is a broken installation.
        case let e as GazetteerFileError: return .inputRejected(e.message)
        case let e as GazetteerLoadError:
            if case let .file(file) = e { return .inputRejected(file.message) }
            return .internal(e.message)
        case let e as IngestError: return .inputRejected(e.message)
        case let e as XLSXError: return .inputRejected(e.message)
        case let e as FeedbackError: return .inputRejected(e.message)
        case let e as LockHeld: return .locked(e.message)
        case let e as StoreError:
            if case .cannotOpen = e { return .configuration(e.message) }
            return .internal(e.message)
        case let e as PublishError:
            if case let .cannotWrite(_, code) = e, FileProblem.isDiskFault(code) { return .internal(e.message) }
            return .configuration(e.message)
        case let e as TemplateError: return .configuration(e.message)
        case let e as PrintError: return .inputRejected(e.message)
        case let e as CocoaError: return FileProblem(e).runError
        case let e as POSIXError: return FileProblem(path: nil, code: e.code.rawValue).runError
        default: return .internal(RunText.internalError(["detail": "\(error)"]))
        }
    }
}

/// A file system error from Foundation (`NSCocoaErrorDomain`), in words: the path, the system's reason, what to do.
///
/// Foundation's own text (`Error Domain=NSCocoaErrorDomain Code=642 …`) names neither what to do nor, often, the
/// reason; the POSIX error under it does.
struct FileProblem {
    var path: String?
    var code: Int32?
    var fallback: String = ""

    init(path: String?, code: Int32?) {
        self.path = path
        self.code = code
    }

    init(_ error: CocoaError) {
        path = error.filePath ?? error.url?.path
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        } else {
            switch error.code {
            case .fileWriteVolumeReadOnly: code = EROFS
            case .fileWriteNoPermission, .fileReadNoPermission: code = EACCES
            case .fileWriteOutOfSpace: code = ENOSPC
            case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
            case .fileWriteFileExists: code = EEXIST
            default: code = nil
            }
        }
        fallback = (error.userInfo[NSLocalizedDescriptionKey] as? String) ?? "error \(error.code.rawValue)"
        if code == nil, let path { code = FileProblem.probe(path) }
    }

    /// Why a path cannot be made, found by looking at it when Foundation did not say (`Code=512` alone): the
    /// nearest part of it that exists is a file, or may not be written.
    static func probe(_ path: String) -> Int32? {
        var url = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" { url.deleteLastPathComponent() }
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) else { return nil }
        if !folder.boolValue, url.path != path { return ENOTDIR }
        return access(url.path, W_OK) == 0 ? nil : errno
    }

    /// Faults of the disk rather than of the paths an operator gave: exit 4, still in words.
    static func isDiskFault(_ code: Int32) -> Bool { [ENOSPC, EDQUOT, EIO].contains(code) }

    var runError: RunError {
        let reason = code.map { SystemText.reason(errno: $0) } ?? SystemText.other(["reason": fallback])
        let subject = path.map { RunText.pathPrefix(["path": $0]).messageValue } ?? .none
        if let code, FileProblem.isDiskFault(code) {
            return .internal(RunText.diskFault(["subject": subject, "reason": reason]))
        }
        let user = FileProblem.userName.map { " (\($0))" } ?? ""
        return .configuration(RunText.cannotUsePath(["subject": subject, "reason": reason, "user": user]))
    }

    static var userName: String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
