import Foundation

/// Test hook: `RISKSCREEN_CRASH_AT=<stage>` kills the process at that stage, to prove a crash leaves a consistent state.
public enum CrashPoint {
    public static func hit(_ stage: String) {
        if ProcessInfo.processInfo.environment["RISKSCREEN_CRASH_AT"] == stage {
            kill(getpid(), SIGKILL)
        }
    }
}
