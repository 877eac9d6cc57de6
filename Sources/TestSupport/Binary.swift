import Foundation
import Machinery

/// What running the `riskscreen` binary gave, printed in full when a test fails (like xsv's tests).
public struct CommandResult: CustomStringConvertible, Sendable {
    public var command: String
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The last line of stdout: the run folder for `run`.
    public var lastLine: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }

    public var description: String {
        "$ \(command)\nexit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}

/// The package root, found from this source file.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `fixtures/` of the package.
public let fixtures = packageRoot.appendingPathComponent("fixtures")

/// The built `riskscreen` binary: `$RISKSCREEN_BIN`, else beside the test bundle.
public func riskscreenBinary() -> URL {
    if let path = ProcessInfo.processInfo.environment["RISKSCREEN_BIN"] { return URL(fileURLWithPath: path) }
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("riskscreen")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir.deleteLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/riskscreen")
}

/// Runs the binary with `arguments` in `directory` and waits for it.
@discardableResult
public func riskscreen(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
    try runProgram(riskscreenBinary().path, arguments, in: directory, environment: environment)
}

/// Runs any program and collects its output.
@discardableResult
public func runProgram(_ path: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    // English unless a test asks for a locale (SPEC 11), so tests asserting English words pass on a Chinese desktop.
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANG"] = "C.UTF-8"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes while the program runs so a full pipe never blocks it.
    let outRead = BackgroundTask { out.fileHandleForReading.readDataToEndOfFile() }
    let errRead = BackgroundTask { err.fileHandleForReading.readDataToEndOfFile() }
    process.waitUntilExit()
    let outData = try outRead.wait(), errData = try errRead.wait()
    let command = ([path] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    return CommandResult(command: "cd \(directory.path) && \(command)", status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// Copies a fixture folder into a fresh temporary directory and returns the copy.
public func freshCopy(ofFixture name: String) throws -> URL {
    let dir = try makeTemporaryDirectory(name.replacingOccurrences(of: "/", with: "-"))
    let source = fixtures.appendingPathComponent(name)
    // `out` and `state` are what scripts/demo.sh leaves beside the demo's config (its `out` and `state`), not fixture.
    for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !["out", "state"].contains(item) {
        try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: dir.appendingPathComponent(item))
    }
    return dir
}

/// Reads a CSV the program wrote, without its BOM, as lines (CRLF removed).
public func csvLines(_ url: URL) throws -> [String] {
    var text = try String(contentsOf: url, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
}
