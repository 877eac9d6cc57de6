import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The modes of SPEC 5, set whatever the umask: the state store owner-only, published folders readable by the out
/// folder's group (a print server), and nothing readable by every local user.
public enum FileModes {
    /// The state store's files and folders.
    public static let storeFile: mode_t = 0o600
    public static let storeFolder: mode_t = 0o700
    /// Published run folders, previews and log files.
    public static let sharedFile: mode_t = 0o640
    public static let sharedFolder: mode_t = 0o750
    /// The set-group-ID bit of a folder (new files take the folder's group).
    static let setGroupID: mode_t = 0o2000

    /// A mode changed on a file or folder that already existed, in words for the log.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var from: mode_t
        public var to: mode_t
        /// True when bits were taken away (a warning: the file was more open than SPEC 5 allows).
        public var tightened: Bool { from & ~to != 0 }

        public var description: String {
            let verb = tightened ? "was readable by more users than it should be; tightened" : "made readable by its group"
            return "\(path): \(verb) from \(Change.octal(from)) to \(Change.octal(to))"
        }

        static func octal(_ mode: mode_t) -> String {
            let digits = String(mode & 0o7777, radix: 8)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }

    /// The permission bits of `path` (not following a symbolic link), or nil when it does not exist.
    public static func mode(of path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Whether `path` is a folder (not following a symbolic link).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Sets `mode` on an existing file or folder and reports the change; nil when it already had that mode, does
    /// not exist, or is a symbolic link (whose target is not ours to change).
    ///
    /// A folder keeps its set-group-ID bit: an office that makes the output folder `g+s` for its print server's
    /// group relies on it to give new files that group.
    @discardableResult
    public static func set(_ path: String, to mode: mode_t) -> Change? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { return nil }
        let current = info.st_mode & 0o7777
        let target = info.st_mode & S_IFMT == S_IFDIR ? mode | (current & FileModes.setGroupID) : mode
        guard current != target, chmod(path, target) == 0 else { return nil }
        return Change(path: path, from: current, to: target)
    }

    /// Takes away the bits of an existing file or folder that `mode` does not allow; nil when there were none.
    @discardableResult
    public static func tighten(_ path: String, to mode: mode_t) -> Change? {
        guard let current = self.mode(of: path), current & ~(mode | FileModes.setGroupID) != 0 else { return nil }
        return set(path, to: current & mode)
    }

    /// Creates a folder (and its missing parents) with `mode` whatever the umask; the folders that existed keep theirs.
    public static func makeFolder(_ path: String, mode: mode_t) throws {
        var missing: [String] = []
        var url = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.append(url.path)
            url.deleteLastPathComponent()
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for folder in missing { set(folder, to: mode) }
    }

    /// Sets every folder under `root` (and `root`) to `folder` and every file to `file`.
    public static func setTree(_ root: String, folder: mode_t, file: mode_t) {
        set(root, to: folder)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            set(path, to: isFolder(path) ? folder : file)
        }
    }
}
