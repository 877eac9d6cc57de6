import Glibc
import Synchronization

/// Standard error shared by log lines and a progress line, so neither tears the other.
///
/// A log line first erases the progress line, then the progress line is drawn again below it.
final class Console: Sendable {
    /// The process's standard error.
    static let standardError = Console(descriptor: 2)

    let descriptor: Int32
    /// Whether the descriptor is a terminal (progress is drawn only then).
    let isTerminal: Bool
    /// The progress line being shown, changed under the lock.
    private let status = Mutex("")

    init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
    }

    /// Writes one line (a newline is added), keeping any progress line below it.
    func writeLine(_ line: String) {
        status.withLock { status in
            var text = status.isEmpty ? "" : "\r\u{1B}[K"
            text += line.hasSuffix("\n") ? line : line + "\n"
            if !status.isEmpty { text += status }
            put(text)
        }
    }

    /// Replaces the progress line (drawn without a newline); an empty string erases it.
    func setStatus(_ line: String) {
        status.withLock { status in
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
