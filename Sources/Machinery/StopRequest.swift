import Glibc
import Synchronization

/// A request to stop the run (SIGTERM from systemd or `kill`, SIGINT from Ctrl-C), which long work checks at its
/// safe points: between stages, per block of a feed, per block of a store file written.
///
/// The signal handler only stores the signal number (an atomic store is async-signal-safe); the run notices it at
/// the next `check()`, stops by throwing `Stopped`, and cleans up as after any error. A second signal while the
/// first is being honoured ends the process at once, as a shell user pressing Ctrl-C twice expects.
public enum StopRequest {
    private static let received = Atomic<Int32>(0)

    /// The signal received, or 0.
    public static var signal: Int32 { received.load(ordering: .relaxed) }

    /// Thrown at a safe point once a stop was requested.
    public struct Stopped: Error, Sendable, CustomStringConvertible {
        public var signal: Int32
        // message-lint: allow Machinery sits below the catalogue; a run reports a stop as RunError.stopped, worded there.
        public var description: String { "stopped by \(StopRequest.name(of: signal))" }
    }

    /// Throws `Stopped` when a stop was requested: one atomic load, cheap enough for a loop's blocks.
    @inline(__always)
    public static func check() throws(Stopped) {
        let signal = received.load(ordering: .relaxed)
        if signal != 0 { throw Stopped(signal: signal) }
    }

    /// From now on SIGTERM and SIGINT request a stop instead of ending the process.
    ///
    /// Both are unblocked first: a process inherits its parent's blocked signals (a test runner's, a supervisor's),
    /// and a blocked SIGTERM would wait, pending, until the run had finished on its own.
    public static func listen() {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTERM)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGTERM, SIGINT] {
            Glibc.signal(number) { number in
                let (exchanged, _) = StopRequest.received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                if !exchanged {
                    // Asked again: end now, by the signal itself (async-signal-safe calls only).
                    Glibc.signal(number, SIG_DFL)
                    raise(number)
                }
            }
        }
    }

    /// Records a request as the handler would (for tests of the safe points).
    public static func request(_ signal: Int32) {
        _ = received.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    }

    /// `SIGTERM`, `SIGINT`, or `signal N`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }

    /// Ends the process the way the signal would have, after the run cleaned up: a shell then sees status 128 + N
    /// (143 for SIGTERM, 130 for SIGINT) and a script running it stops too, and systemd sees a stop by SIGTERM.
    public static func endBySignal(_ signal: Int32) -> Never {
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }
}
