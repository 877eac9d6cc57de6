import Foundation
import Glibc

/// Standard error shared by log lines and a progress line, so neither tears the other.
///
/// A log line first erases the progress line, then the progress line is drawn again below it.
public final class Console: @unchecked Sendable {
    /// The process's standard error.
    public static let standardError = Console(descriptor: 2)

    public let descriptor: Int32
    /// Whether the descriptor is a terminal (progress is drawn only then).
    public let isTerminal: Bool
    private let lock = NSLock()
    private var status = ""

    public init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
    }

    /// Writes one line (a newline is added), keeping any progress line below it.
    public func writeLine(_ line: String) {
        lock.withLock {
            var text = status.isEmpty ? "" : "\r\u{1B}[K"
            text += line.hasSuffix("\n") ? line : line + "\n"
            if !status.isEmpty { text += status }
            put(text)
        }
    }

    /// Replaces the progress line (drawn without a newline); an empty string erases it.
    func setStatus(_ line: String) {
        lock.withLock {
            guard line != status else { return }
            put(line.isEmpty ? "\r\u{1B}[K" : "\r\u{1B}[K" + line)
            status = line
        }
    }

    private func put(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // a closed stderr must not stop the run
                }
                offset += n
            }
        }
    }
}
