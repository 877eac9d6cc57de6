import Foundation
import Glibc

/// The system's reasons a file could not be used (`errno`; in English as the C library words them), and the last words of a process stopped by SIGBUS.
public enum SystemText: String, MessageEntry {
    case noSuchFile, permissionDenied, isDirectory, notDirectory, noSpace, quota, readOnly, exists, ioError, tooManyOpen, other

    public static let area = "system"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .noSuchFile: ("文件或文件夹不存在", "No such file or directory")
        case .permissionDenied: ("没有权限", "Permission denied")
        case .isDirectory: ("这是一个文件夹", "Is a directory")
        case .notDirectory: ("路径中有一部分是文件而不是文件夹", "Not a directory")
        case .noSpace: ("磁盘已满", "No space left on device")
        case .quota: ("超出磁盘配额", "Disk quota exceeded")
        case .readOnly: ("磁盘是只读的", "Read-only file system")
        case .exists: ("已存在", "File exists")
        case .ioError: ("磁盘读写出错", "Input/output error")
        case .tooManyOpen: ("打开的文件过多", "Too many open files")
        case .other: ("{reason}", "{reason}")
        }
    }

    /// The reason for an `errno`, worded in the catalogue for the usual ones, in the system's words otherwise.
    public static func reason(errno code: Int32) -> Message {
        switch code {
        case ENOENT: return noSuchFile()
        case EACCES, EPERM: return permissionDenied()
        case EISDIR: return isDirectory()
        case ENOTDIR: return notDirectory()
        case ENOSPC: return noSpace()
        case EDQUOT: return quota()
        case EROFS: return readOnly()
        case EEXIST: return exists()
        case EIO: return ioError()
        case EMFILE, ENFILE: return tooManyOpen()
        default: return other(["reason": String(cString: strerror(code))])
        }
    }

    /// The reason of a Foundation file error: its POSIX error when it has one, else Foundation's own words.
    public static func reason(of error: any Error) -> Message {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return noSuchFile()
            case .fileReadNoPermission, .fileWriteNoPermission: return permissionDenied()
            case .fileWriteOutOfSpace: return noSpace()
            case .fileWriteVolumeReadOnly: return readOnly()
            case .fileWriteFileExists: return exists()
            default: break
            }
        }
        var text = ns.localizedFailureReason ?? ns.localizedDescription
        while text.hasSuffix(".") { text.removeLast() }
        return other(["reason": text])
    }

    /// What the SIGBUS handler writes: a static text, since a signal handler may not allocate.
    public static func busError(in language: Language) -> StaticString {
        switch language {
        case .chinese:
            return "riskscreen：读取过程中输入文件变短了（SIGBUS）；请完整地交付数据文件（先用其他名称写入，再改名），然后重新运行\n"
        case .english:
            return """
                riskscreen: an input file got shorter while it was being read (SIGBUS); \
                deliver feeds whole (write under another name, then rename) and run again

                """
        }
    }
}
