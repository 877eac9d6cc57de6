import Foundation
import Lifecycle
import Testing
import TestSupport

/// One run per state store; the lock dies with its holder.
@Suite struct RunLockTests {
    @Test func aSecondLockIsRefusedNamingTheHolderUntilTheFirstIsReleased() throws {
        let state = try makeTemporaryDirectory("lock").appendingPathComponent("state/s.sqlite").path
        var first: RunLock? = try RunLock(statePath: state)
        do {
            _ = try RunLock(statePath: state)
            Issue.record("a second lock was granted")
        } catch let held as LockHeld {
            #expect(held.path == state + ".lock")
            #expect(held.holder.hasPrefix("pid \(getpid()) on "), "\(held)")
            #expect(held.description.contains(state + ".lock"))
        }
        withExtendedLifetime(first) {}
        first = nil
        _ = try RunLock(statePath: state)
    }

    @Test func aHolderThatWroteNothingIsNamedByTheKernel() throws {
        let dir = try makeTemporaryDirectory("lock")
        let state = dir.appendingPathComponent("s.sqlite").path
        let fd = open(state + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0 && flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        #expect(throws: LockHeld.self) { try RunLock(statePath: state) }
        do { _ = try RunLock(statePath: state) } catch let held as LockHeld {
            #expect(held.holder.hasPrefix("pid \(getpid())"), "\(held)")
        }
    }

    @Test func aDeadRunsLineDoesNotNameTheWrongHolder() throws {
        let dir = try makeTemporaryDirectory("lock")
        let state = dir.appendingPathComponent("s.sqlite").path
        try Data("pid 999999 on elsewhere since 2020-02-05T23:00:00Z\n".utf8).write(to: URL(fileURLWithPath: state + ".lock"))
        let fd = open(state + ".lock", O_RDWR | O_CLOEXEC)
        try #require(fd >= 0 && flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        do {
            _ = try RunLock(statePath: state)
            Issue.record("a second lock was granted")
        } catch let held as LockHeld {
            #expect(held.holder.hasPrefix("pid \(getpid())"), "\(held)")
            #expect(!held.holder.contains("999999"), "\(held)")
        }
    }

    @Test func aStaleLockFileIsTakenOver() throws {
        let dir = try makeTemporaryDirectory("lock")
        let state = dir.appendingPathComponent("s.sqlite").path
        try Data("pid 999999 on elsewhere since 2020-02-05T23:00:00Z\n".utf8).write(to: URL(fileURLWithPath: state + ".lock"))
        let lock = try RunLock(statePath: state)
        let text = try String(contentsOfFile: state + ".lock", encoding: .utf8)
        #expect(text.hasPrefix("pid \(getpid()) on "))
        withExtendedLifetime(lock) {}
    }
}
