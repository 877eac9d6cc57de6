import Ingest
import RiskModel
import Synchronization

/// Receives the progress of a run's long stages; `TerminalProgress` draws it, nil draws nothing.
public protocol ProgressSink: AnyObject, Sendable {
    /// A stage starts; `total` is its size in bytes, or nil when its size is unknown (a spinner is shown).
    func start(_ label: String, total: Int?)
    /// How much of the current stage is done, in the unit of `total`.
    func update(_ done: Int)
    /// The current stage is over.
    func finish()
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
private final class FeedProgressState: Sendable {
    let sink: any ProgressSink
    private let path = Mutex("")

    init(sink: any ProgressSink) { self.sink = sink }

    func report(_ path: String, _ read: Int, _ total: Int) {
        self.path.withLock { current in
            if path != current {
                current = path
                sink.start(RunText.reading(["file": path.split(separator: "/").last.map(String.init) ?? path]).description, total: total)
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
