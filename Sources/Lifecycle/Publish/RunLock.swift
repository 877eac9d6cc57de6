import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Another run holds the state store.
public struct LockHeld: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var holder: String

    public var description: String {
        "another riskscreen run holds \(path) (\(holder)); wait for it to finish, it is released when that process ends"
    }
}

/// An exclusive lock on a state store, held for the life of the value.
///
/// Uses `flock`, which the kernel releases when the holder dies, so a killed run never blocks the next one.
/// The file keeps the holder's pid, host and start time for the message a second run prints.
public final class RunLock: Sendable {
    public let path: String
    private let fd: Int32

    public init(statePath: String) throws {
        path = statePath + ".lock"
        // The lock is taken before the store is opened, so it may be what creates the store's folder: owner-only (SPEC 5).
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) { try? FileModes.makeFolder(folder, mode: FileModes.storeFolder) }
        // Kept in a local until the lock is taken: a class whose properties are all set runs its deinit when the
        // init throws, and that deinit would truncate and close the number again, by then perhaps another
        // thread's file (a test's SQLite journal got "disk I/O error" that way).
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = pread(fd, &buffer, buffer.count, 0)
            let written = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            // The holder may not have written its line yet, be another tool (flock(1)), or the line may be a dead
            // run's leftover: the kernel knows who holds the lock; the line adds host and start time when it is theirs.
            let holder: String
            if let kernel = RunLock.kernelHolder(of: fd) {
                holder = written.hasPrefix("pid \(kernel.pid) ") ? written : "pid \(kernel.pid)" + (kernel.command.map { " (\($0))" } ?? "")
            } else {
                holder = written.isEmpty ? "unknown holder" : written
            }
            close(fd)
            throw LockHeld(path: path, holder: holder)
        }
        self.fd = fd
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        let started = ISO8601DateFormatter().string(from: Date())
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let info = Array("pid \(getpid()) on \(hostName) since \(started)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, info, info.count, 0)
    }

    /// The process holding an flock on the file open at `fd`, from `/proc/locks`.
    static func kernelHolder(of fd: Int32) -> (pid: Int32, command: String?)? {
        var info = stat()
        guard fstat(fd, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        // Lines look like `1: FLOCK  ADVISORY  WRITE 4779 fe:00:16220438 0 EOF`; the device is in hex, the inode in decimal.
        let inode = ":\(info.st_ino)"
        for line in locks.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", fields[5].hasSuffix(inode), let pid = Int32(fields[4]) else { continue }
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            return (pid, command)
        }
        return nil
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
