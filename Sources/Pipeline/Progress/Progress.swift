import Dispatch
import Foundation
import Ingest

/// Receives the progress of a run's long stages; `TerminalProgress` draws it, nil draws nothing.
public protocol ProgressSink: AnyObject, Sendable {
    /// A stage starts; `total` is its size in bytes, or nil when its size is unknown (a spinner is shown).
    func start(_ label: String, total: Int?)
    /// How much of the current stage is done, in the unit of `total`.
    func update(_ done: Int)
    /// The current stage is over.
    func finish()
}

/// A one-line progress bar on a terminal: label, bar, percentage, rate and time left.
///
/// Redraws at most every `interval` seconds, so a caller may report after every 1 MiB read
/// without the drawing costing anything noticeable.
public final class TerminalProgress: ProgressSink, @unchecked Sendable {
    private let console: Console
    private let interval: Double
    private let lock = NSLock()
    private var label = ""
    private var total: Int?
    private var done = 0
    private var started = DispatchTime.now()
    private var lastDraw: UInt64 = 0
    private var ticker: DispatchSourceTimer?
    private var frame = 0

    public init(console: Console = .standardError, interval: Double = 0.1) {
        self.console = console
        self.interval = interval
    }

    public func start(_ label: String, total: Int?) {
        lock.withLock {
            self.label = label
            self.total = total
            done = 0
            started = DispatchTime.now()
            lastDraw = 0
            ticker?.cancel()
            ticker = nil
            if total == nil {
                // No counts to report: a timer keeps the spinner and the elapsed time moving.
                let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
                timer.schedule(deadline: .now() + interval, repeating: interval)
                timer.setEventHandler { [weak self] in self?.tick() }
                timer.resume()
                ticker = timer
            }
            draw(force: true)
        }
    }

    public func update(_ done: Int) {
        lock.withLock {
            self.done = done
            draw(force: false)
        }
    }

    public func finish() {
        lock.withLock {
            ticker?.cancel()
            ticker = nil
            label = ""
            console.setStatus("")
        }
    }

    private func tick() {
        lock.withLock {
            guard !label.isEmpty else { return }
            frame += 1
            draw(force: true)
        }
    }

    /// Must be called with `lock` held.
    private func draw(force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now &- lastDraw >= UInt64(interval * 1e9) else { return }
        lastDraw = now
        let elapsed = Double(now - started.uptimeNanoseconds) / 1e9
        console.setStatus(TerminalProgress.line(label: label, done: done, total: total, elapsed: elapsed, frame: frame))
    }

    /// The text of the progress line, e.g. `reading travel_rail.csv [#########-----------]  45%  12.3 MB/s  ETA 0:03`.
    static func line(label: String, done: Int, total: Int?, elapsed: Double, frame: Int) -> String {
        guard let total, total > 0 else {
            let spinner = ["|", "/", "-", "\\"][frame % 4]
            return "\(label) \(spinner) \(clock(elapsed))"
        }
        let fraction = min(1, Double(done) / Double(total))
        let width = 24
        let filled = Int(fraction * Double(width))
        var text = "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        text += String(format: "%3d%%", Int(fraction * 100))
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        text += String(format: "  %.1f MB/s", rate / 1e6)
        if rate > 0, done < total {
            text += "  ETA " + clock(Double(total - done) / rate)
        } else {
            text += "  " + clock(elapsed)
        }
        return text
    }

    /// `m:ss` (or `h:mm:ss`).
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

extension ProgressSink {
    /// Runs `body` with a progress line `label` (a spinner with elapsed time).
    func watching<R>(_ label: String, _ body: () throws -> R) rethrows -> R {
        start(label, total: nil)
        defer { finish() }
        return try body()
    }

    /// Runs `body` with every feed file it reads reported as `reading <file>` with its bytes.
    func watchingFeeds<R>(_ body: () throws -> R) rethrows -> R {
        let state = FeedProgressState(sink: self)
        defer { finish() }
        return try FeedReader.$progressHook.withValue({ path, read, total in state.report(path, read, total) }, operation: body)
    }
}

/// Starts a new progress line whenever the file being read changes.
private final class FeedProgressState: @unchecked Sendable {
    let sink: any ProgressSink
    private var path = ""
    private let lock = NSLock()

    init(sink: any ProgressSink) { self.sink = sink }

    func report(_ path: String, _ read: Int, _ total: Int) {
        lock.withLock {
            if path != self.path {
                self.path = path
                sink.start("reading " + (path.split(separator: "/").last.map(String.init) ?? path), total: total)
            }
        }
        sink.update(read)
    }
}

extension Optional where Wrapped == any ProgressSink {
    /// `body` watched by the sink when there is one.
    func watching<R>(_ label: String, _ body: () throws -> R) rethrows -> R {
        guard let sink = self else { return try body() }
        return try sink.watching(label, body)
    }

    /// `body` with feed reads reported when there is a sink.
    func watchingFeeds<R>(_ body: () throws -> R) rethrows -> R {
        guard let sink = self else { return try body() }
        return try sink.watchingFeeds(body)
    }
}
