import Foundation

/// Waits for cups-pdf to finish writing a job's PDF into `folder`, and returns it (nil after `seconds`).
///
/// cups-pdf converts through Ghostscript and creates the file before filling it in, so the file counts only
/// once it ends with the `%%EOF` marker; with the test suite loading both cores that can take a while.
public func printedPDF(in folder: URL, seconds: Int = 90, named matches: (String) -> Bool) async throws -> URL? {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(seconds)
    // Look once more after every sleep, deadline or not: with the suite's synchronous tests holding the
    // cooperative threads, a sleep can end long after the deadline although the file arrived in time.
    while true {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if let name = names.first(where: { matches($0) && $0.hasSuffix(".pdf") }),
           let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
           String(decoding: bytes.suffix(32), as: UTF8.self).contains("%%EOF") {
            return folder.appendingPathComponent(name)
        }
        if clock.now >= deadline { return nil }
        try await Task.sleep(for: .milliseconds(200))
    }
}
