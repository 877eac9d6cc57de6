import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Publishes run folders so that a folder appears whole or not at all, and `latest` only ever points at a committed run.
///
/// Order of a run: build in `DIR/.staging-*`, commit the store, rename the staged folder to `runs/<name>`, then swap `latest`.
/// `recover` finishes a run that crashed after its commit (moving its staged folder in, swapping `latest`) and removes
/// what a run that never committed left.
public struct Publisher: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var runs: URL { root.appendingPathComponent("runs") }
    public var previews: URL { root.appendingPathComponent("previews") }
    public var latest: URL { root.appendingPathComponent("latest") }

    /// The folder name for a run: `000042-2020-02-06`.
    public static func folderName(runID: Int64, asOf: String) -> String {
        let digits = String(runID)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-" + asOf
    }

    /// The run id a folder name starts with (`000042-2020-02-06` → 42).
    public static func runID(ofFolder name: String) -> Int64? {
        guard let dash = name.firstIndex(of: "-") else { return nil }
        return Int64(name[..<dash])
    }

    /// Creates the output folder, `runs/` and `previews/` with the modes of SPEC 5 (0750, whatever the umask), or
    /// sets those modes on existing ones; refuses a `latest` that is not the link this program keeps.
    ///
    /// Existing folders are made 0750 whatever they were: more open ones are tightened, and the 0700 of earlier
    /// builds is opened to the group, as SPEC 5 now asks. The first time that changes `runs/` or `previews/` (an
    /// output folder of an earlier build, with files 0644), every folder and file under them is set too.
    public func prepareFolders() throws -> [FileModes.Change] {
        var changes: [FileModes.Change] = []
        if FileManager.default.fileExists(atPath: root.path) {
            guard FileModes.isFolder(root.path) else { throw PublishError.notAFolder(path: root.path) }
            if let change = FileModes.set(root.path, to: FileModes.sharedFolder) { changes.append(change) }
        } else {
            try FileModes.makeFolder(root.path, mode: FileModes.sharedFolder)
        }
        if FileModes.mode(of: latest.path) != nil, !isLink(latest.path) {
            throw PublishError.latestNotALink(path: latest.path, isFolder: FileModes.isFolder(latest.path))
        }
        for folder in [runs, previews] where FileManager.default.fileExists(atPath: folder.path) {
            if let change = FileModes.set(folder.path, to: FileModes.sharedFolder) {
                changes.append(change)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                    FileModes.setTree(folder.appendingPathComponent(name).path, folder: FileModes.sharedFolder, file: FileModes.sharedFile)
                }
            }
        }
        return changes
    }

    private func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// A fresh staging folder, readable by the owner only until it is published.
    public func stage(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(".staging-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        if !FileManager.default.fileExists(atPath: root.path) { try FileModes.makeFolder(root.path, mode: FileModes.sharedFolder) }
        try FileModes.makeFolder(url.path, mode: 0o700)
        return url
    }

    /// Moves a finished staging folder to `runs/<name>` (or `previews/<name>`), replacing a leftover of a crashed attempt.
    public func publish(_ staging: URL, name: String, preview: Bool) throws -> URL {
        let parent = preview ? previews : runs
        if !FileManager.default.fileExists(atPath: parent.path) { try FileModes.makeFolder(parent.path, mode: FileModes.sharedFolder) }
        // Readable by the output folder's group (a print server), whatever the umask the files were written under.
        FileModes.setTree(staging.path, folder: FileModes.sharedFolder, file: FileModes.sharedFile)
        var target = parent.appendingPathComponent(name)
        if preview {
            var n = 1
            while FileManager.default.fileExists(atPath: target.path) {
                n += 1
                target = parent.appendingPathComponent("\(name)-\(n)")
            }
        } else if FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.removeItem(at: target)
        }
        try rename(staging, target)
        syncDirectory(parent)
        return target
    }

    /// Flushes every file and folder under a staged folder to disk.
    ///
    /// Called before the store commits the run: recovery may later move this folder in as the committed run's,
    /// so after a power cut it must hold whole files, not the empty ones a file system can leave.
    public func sync(_ staging: URL) throws {
        let fm = FileManager.default
        var paths = [staging.path]
        if let walker = fm.enumerator(atPath: staging.path) {
            while let relative = walker.nextObject() as? String { paths.append(staging.appendingPathComponent(relative).path) }
        }
        for path in paths.reversed() {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw PublishError.cannotWrite(path: path, errno: errno) }
            let synced = fsync(fd) == 0
            let failure = errno
            close(fd)
            guard synced else { throw PublishError.cannotWrite(path: path, errno: failure) }
        }
    }

    /// Points `latest` at `runs/<name>` with an atomic rename of a new symbolic link.
    public func pointLatest(to name: String) throws {
        if FileManager.default.fileExists(atPath: latest.path), !isLink(latest.path) {
            throw PublishError.latestNotALink(path: latest.path, isFolder: FileModes.isFolder(latest.path))
        }
        let temporary = root.appendingPathComponent(".latest-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: "runs/\(name)")
        do {
            try rename(temporary, latest)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        syncDirectory(root)
    }

    /// The run folder `latest` points at, if any.
    public func latestName() -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: latest.path) else { return nil }
        return URL(fileURLWithPath: target).lastPathComponent
    }

    /// Brings the folder in line with the store after a crash: `latest` at the last committed run, no half-built folders.
    ///
    /// - Parameter committed: folder names of every committed run, oldest first.
    public func recover(committed: [String]) throws {
        let fm = FileManager.default
        // The last run committed but crashed before its folder was moved in: its staged folder is complete, move it now.
        if let last = committed.last, !fm.fileExists(atPath: runs.appendingPathComponent(last).path),
           let staged = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted().last(where: { $0.hasPrefix(".staging-\(last)-") }) {
            _ = try publish(root.appendingPathComponent(staged), name: last, preview: false)
        }
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix(".staging-") || name.hasPrefix(".latest-") {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
        // Only the folder of the run that would have been next can be a crash's leftover; any other unknown folder
        // belongs to another state store sharing this output folder (or a lost one) and holds notices already printed.
        let known = Set(committed)
        let next = (committed.last.flatMap(Publisher.runID(ofFolder:)) ?? 0) + 1
        for name in (try? fm.contentsOfDirectory(atPath: runs.path)) ?? [] where !known.contains(name) && Publisher.runID(ofFolder: name) == next {
            try? fm.removeItem(at: runs.appendingPathComponent(name))
        }
        if let last = committed.last, latestName() != last, fm.fileExists(atPath: runs.appendingPathComponent(last).path) {
            try pointLatest(to: last)
        }
    }

    private func rename(_ from: URL, _ to: URL) throws {
        guard Glibc.rename(from.path, to.path) == 0 else {
            throw PublishError.cannotWrite(path: to.path, errno: errno)
        }
    }

    private func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// The output folder cannot take a run, in words an operator can act on.
public enum PublishError: Error, CustomStringConvertible, Sendable {
    /// `latest` exists but is a folder or a file, not the symbolic link this program keeps there.
    case latestNotALink(path: String, isFolder: Bool)
    /// The output folder is a file.
    case notAFolder(path: String)
    /// Writing, renaming or syncing failed with `errno`.
    case cannotWrite(path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .latestNotALink(path, isFolder):
            return "\(path) is a \(isFolder ? "folder" : "file"), not the link to the last run that riskscreen keeps there; "
                + "move it out of the output folder and run again (nothing was published)"
        case let .notAFolder(path):
            return "\(path): the output folder (--out) is a file; give a folder"
        case let .cannotWrite(path, code):
            return "\(path): cannot write (\(String(cString: strerror(code)))); check that the output folder (--out) is on a writable disk "
                + "with space and that the user running riskscreen may write there"
        }
    }
}
