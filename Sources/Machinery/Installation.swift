import Foundation

/// Where the files that come with the program are (notice templates, the national gazetteer): beside the running
/// executable, as SwiftPM lays out a target's resources (`<bundle>.resources/`), or under its install prefix
/// (`../share/riskscreen/`). Never looked for from the working folder, and never through `Bundle.module`, which
/// stops the process when the folder is missing instead of letting the caller say what to install.
public enum Installation {
    /// The folder of the running executable (symbolic links resolved).
    public static var executableFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The places a shipped file is looked for, in order: `<bundle>.resources/<path>` beside the executable, then
    /// `share/riskscreen/<installed>` under its prefix.
    public static func candidates(_ path: String, bundle: String, installed: String) -> [URL] {
        let folder = executableFolder
        return [folder.appendingPathComponent("\(bundle).resources").appendingPathComponent(path),
                folder.deletingLastPathComponent().appendingPathComponent("share/riskscreen").appendingPathComponent(installed)]
    }

    /// The first of `candidates` that exists.
    public static func locate(_ path: String, bundle: String, installed: String) -> URL? {
        candidates(path, bundle: bundle, installed: installed).first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
