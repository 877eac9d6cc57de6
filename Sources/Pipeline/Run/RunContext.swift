import Dispatch
import Logging
import Machinery

/// What one run owns besides its values: the workers, the stage timings, the progress display, and the clean-up
/// that must happen however the run ends.
///
/// Clean-up steps run last-registered first when the run ends, successfully or not: a pending commit is
/// abandoned before the files it would have named are joined and removed, and the lock is released last.
final class RunContext {
    let logger: Logger
    let progress: (any ProgressSink)?
    let workers: Workers
    private(set) var timings: [String: Double] = [:]
    private var clock = DispatchTime.now()
    let started = DispatchTime.now()
    private var cleanups: [() -> Void] = []
    /// Set once the store has committed the run: from then on the run is finished, not stopped, and a staged folder
    /// that could not be published is kept for the next run to publish.
    var committed = false

    init(logger: Logger, progress: (any ProgressSink)?, workers: Workers) {
        self.logger = logger
        self.progress = progress
        self.workers = workers
    }

    /// Records how long the stage since the last lap took.
    func lap(_ stage: String) {
        let now = DispatchTime.now()
        let seconds = Double(now.uptimeNanoseconds - clock.uptimeNanoseconds) / 1e9
        timings[stage] = seconds
        logger.info("stage done", metadata: ["stage": "\(stage)", "seconds": "\(String(format: "%.3f", seconds))"])
        clock = now
    }

    /// Seconds since the run started.
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Starts `job` on another thread; the run waits for it before it ends, however it ends.
    func background<Value: Sendable>(_ job: @escaping @Sendable () throws -> Value) -> BackgroundTask<Value> {
        let task = BackgroundTask(job)
        atEnd { task.join() }
        return task
    }

    /// Registers a clean-up step for the end of the run.
    func atEnd(_ step: @escaping () -> Void) {
        cleanups.append(step)
    }

    /// Keeps `value` (a lock) alive until the run ends.
    func hold(_ value: AnyObject) {
        atEnd { withExtendedLifetime(value) {} }
    }

    /// A safe point: throws `StopRequest.Stopped` when SIGTERM or SIGINT asked the run to stop, unless the store has
    /// committed it already (a committed run is finished and published, which takes moments).
    func checkpoint() throws {
        guard !committed else { return }
        try StopRequest.check()
    }

    /// Runs the clean-up steps, last registered first.
    func finish() {
        while let step = cleanups.popLast() { step() }
    }
}
