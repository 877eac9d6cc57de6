import Foundation

/// Test hook: `RISKSCREEN_CRASH_AT=<stage>` kills the process at that stage, to prove a crash leaves a consistent state.
///
/// `<stage>:bus` raises SIGBUS instead, which is what a feed cut short while it is mapped does.
public enum CrashPoint {
    public static func hit(_ stage: String) {
        switch ProcessInfo.processInfo.environment["RISKSCREEN_CRASH_AT"] {
        case stage?: kill(getpid(), SIGKILL)
        case "\(stage):bus"?: kill(getpid(), SIGBUS)
        default: break
        }
    }
}
