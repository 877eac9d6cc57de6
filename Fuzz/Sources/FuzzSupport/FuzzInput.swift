import Glibc

/// The fuzzer's input written to a file of its own, since every reader takes a path as the program does.
///
/// One file per process (libFuzzer runs one input at a time), rewritten in place for each input, on tmpfs
/// when there is one. `RISKSCREEN_FUZZ_DIR` names the folder instead.
public enum FuzzInput {
    /// The folder of this process's input files, made once.
    private static let folder: String = {
        var base = "/tmp"
        if let dir = getenv("RISKSCREEN_FUZZ_DIR") {
            base = String(cString: dir)
        } else if access("/dev/shm", W_OK) == 0 {
            base = "/dev/shm"
        }
        let path = "\(base)/riskscreen-fuzz-\(getpid())"
        mkdir(path, 0o700)
        return path
    }()

    /// Writes `size` bytes at `data` to `name` in this process's folder and returns the file's path.
    public static func write(_ data: UnsafePointer<UInt8>?, _ size: Int, name: String) -> String {
        let path = "\(folder)/\(name)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatal("cannot create \(path): errno \(errno)") }
        var written = 0
        while written < size, let data {
            let n = Glibc.write(fd, data + written, size - written)
            guard n > 0 else { fatal("cannot write \(path): errno \(errno)") }
            written += n
        }
        close(fd)
        return path
    }

    /// Stops the process so libFuzzer keeps the input: a broken invariant of the contract is a finding.
    public static func fatal(_ message: String) -> Never {
        // Glibc's `stderr` is not concurrency-safe in Swift 6: write to descriptor 2.
        let text = Array("riskscreen-fuzz: invariant broken: \(message)\n".utf8)
        _ = text.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// `fatal` unless `condition` holds.
    @inline(__always)
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatal(message()) }
    }
}

import Ingest
import RiskModel

extension FuzzInput {
    /// Checks what every reject promises (SPEC 1.1): the feed and file it came from, a line, and a reason in words.
    public static func checkRejects(_ rejects: [Reject], feed: String, paths: Set<String>, lines: Int) {
        for r in rejects {
            check(r.feed == feed, "reject names feed \(r.feed), expected \(feed)")
            check(paths.contains(r.file), "reject names file \(r.file), not an input")
            check(r.line >= 1 && r.line <= lines, "reject line \(r.line) outside the file's 1...\(lines) lines")
            check(!r.reason.isEmpty, "reject at line \(r.line) has no reason")
        }
    }

    /// Physical lines of the input as a person counts them (LF, CRLF or a lone CR), plus one for a last
    /// line without a terminator: no record can start past it.
    public static func lineCount(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int {
        guard let data, size > 0 else { return 1 }
        var lines = 1
        var i = 0
        while i < size {
            if data[i] == 0x0A { lines += 1 } else if data[i] == 0x0D {
                lines += 1
                if i + 1 < size, data[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return lines
    }
}

extension FuzzInput {
    /// Whether the input has a CR that is not followed by LF.
    public static func hasLoneCR(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Bool {
        guard let data else { return false }
        for i in 0..<size where data[i] == 0x0D && (i + 1 == size || data[i + 1] != 0x0A) { return true }
        return false
    }
}

import Machinery

extension FuzzInput {
    /// The readers' threads as the program picks them: `RISKSCREEN_THREADS` when set (1 takes the one-core
    /// paths), else one per core.
    public static let workers: Workers = {
        if let text = getenv("RISKSCREEN_THREADS"), let wanted = Int(String(cString: text)), wanted >= 1 { return Workers(wanted) }
        return .online
    }()
}
