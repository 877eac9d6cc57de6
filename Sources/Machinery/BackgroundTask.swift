import Dispatch
import Synchronization

/// A job started on another thread whose result (or error) is collected later with `wait()`.
public final class BackgroundTask<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Value, any Error>?>(nil)

    public init(_ job: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
            let outcome = Result { try job() }
            result.withLock { $0 = outcome }
            done.signal()
        }
    }

    /// Blocks until the job has finished; returns its value or rethrows its error. Call it once: the value is
    /// handed over, not kept, so a caller that changes it (ten million stored stays) does not copy it.
    public func wait() throws -> Value {
        join()
        guard let outcome = result.withLock({ $0.take() }) else {
            preconditionFailure("a background task's result is collected once")
        }
        return try outcome.get()
    }

    /// Blocks until the job has finished, leaving its value: a run that stops early waits for the files it is
    /// writing while it still holds its lock.
    public func join() {
        done.wait()
        done.signal()
    }
}

/// One value handed from one thread to another: `put` once, `take` blocks until it is there.
public final class Handoff<Value: Sendable>: Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let value = Mutex<Value?>(nil)

    public init() {}

    public func put(_ newValue: Value) {
        value.withLock { $0 = newValue }
        ready.signal()
    }

    public func take() -> Value {
        ready.wait()
        guard let taken = value.withLock({ $0.take() }) else { preconditionFailure("a handoff's value is taken once") }
        return taken
    }
}
