import Dispatch
import Foundation
import Pipeline
import Synchronization

/// A one-line progress bar on a terminal: label, bar, percentage, rate and time left.
///
/// Redraws at most every `interval` seconds, so a caller may report after every 1 MiB read
/// without the drawing costing anything noticeable.
final class TerminalProgress: ProgressSink, Sendable {
    private let console: Console
    private let interval: Double

    /// What the line shows, changed under the lock.
    private struct State {
        var label = ""
        var total: Int?
        var done = 0
        var started = DispatchTime.now()
        var lastDraw: UInt64 = 0
        var ticker: (any DispatchSourceTimer)?
        var frame = 0
    }

    private let state = Mutex(State())

    init(console: Console = .standardError, interval: Double = 0.1) {
        self.console = console
        self.interval = interval
    }

    func start(_ label: String, total: Int?) {
        state.withLock { s in
            s.label = label
            s.total = total
            s.done = 0
            s.started = DispatchTime.now()
            s.lastDraw = 0
            s.ticker?.cancel()
            s.ticker = nil
            if total == nil {
                // No counts to report: a timer keeps the spinner and the elapsed time moving.
                let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
                timer.schedule(deadline: .now() + interval, repeating: interval)
                timer.setEventHandler { [weak self] in self?.tick() }
                timer.resume()
                s.ticker = timer
            }
            draw(&s, force: true)
        }
    }

    func update(_ done: Int) {
        state.withLock { s in
            s.done = done
            draw(&s, force: false)
        }
    }

    func finish() {
        state.withLock { s in
            s.ticker?.cancel()
            s.ticker = nil
            s.label = ""
            console.setStatus("")
        }
    }

    private func tick() {
        state.withLock { s in
            guard !s.label.isEmpty else { return }
            s.frame += 1
            draw(&s, force: true)
        }
    }

    private func draw(_ s: inout State, force: Bool) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now &- s.lastDraw >= UInt64(interval * 1e9) else { return }
        s.lastDraw = now
        let elapsed = Double(now - s.started.uptimeNanoseconds) / 1e9
        console.setStatus(TerminalProgress.line(label: s.label, done: s.done, total: s.total, elapsed: elapsed, frame: s.frame))
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
