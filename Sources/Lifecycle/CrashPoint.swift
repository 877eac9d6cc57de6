import Foundation

/// Test hook: `RISKSCREEN_CRASH_AT=<stage>` kills the process at that stage, to prove a crash leaves a consistent state.
///
/// `<stage>:bus` raises SIGBUS instead, which is what a feed cut short while it is mapped does; `<stage>:term` and
/// `<stage>:int` send the process SIGTERM or SIGINT, which it honours at its next safe point. Compiled into debug
/// builds only (the test suite's): a release build never reads the variable.
public enum CrashPoint {
    @inline(__always)
    public static func hit(_ stage: String) {
        #if DEBUG
        switch ProcessInfo.processInfo.environment["RISKSCREEN_CRASH_AT"] {
        case stage?: kill(getpid(), SIGKILL)
        case "\(stage):bus"?: kill(getpid(), SIGBUS)
        case "\(stage):term"?: kill(getpid(), SIGTERM)
        case "\(stage):int"?: kill(getpid(), SIGINT)
        default: break
        }
        #endif
    }
}
