import Foundation
import Testing
import TestSupport

/// What comes with the program is found beside it, never from the working folder, and no district is built in.
@Suite struct InstallationTests {
    /// A run from flags alone, without `authority` or `hotline`, still prints its notices: each leaves a line to fill
    /// in by hand where the missing value goes, and the run warns naming the config key.
    @Test(.tags(.pdfTools)) func aRunWithoutADistrictLeavesLinesToFillInAndSaysWhich() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv",
                                     "--residents", "residents.csv", "--travel", "travel_rail.csv", "--travel", "travel_telecom.csv",
                                     "--travel", "travel_checkpoint.csv", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        try #require(result.status == 0, "\(result)")
        #expect(result.stderr.contains("key=authority"), "\(result)")
        #expect(result.stderr.contains("key=hotline"), "\(result)")
        let pdf = URL(fileURLWithPath: result.lastLine).appendingPathComponent("batches/notices-330111004002.pdf")
        let text = try runProgram("/usr/bin/pdftotext", ["-layout", pdf.path, "-"], in: dir).stdout
        #expect(text.contains("张建国"), "the notice is printed")
        #expect(!text.contains("富阳区新型冠状病毒"), "no district's authority is built in")
        #expect(!text.contains("防控咨询电话：12345"), "no hotline is built in")
        #expect(text.contains("防控咨询电话：__________"))
        #expect(text.contains("（盖章）"), "a line to sign and stamp where the authority goes")
    }

    /// A copy of the program without its resources folder says what to install instead of looking around the
    /// working folder (where the source tree's templates are) or stopping with a fatal error.
    @Test func aProgramCopiedWithoutItsResourcesNamesWhatIsMissing() throws {
        let dir = try freshCopy(ofFixture: "demo")
        let bin = dir.appendingPathComponent("bin/riskscreen")
        try FileManager.default.createDirectory(at: bin.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: riskscreenBinary(), to: bin)
        let result = try runProgram(bin.path, ["run", "--config", "riskscreen.toml", "--out", "out", "--state", "state/s.sqlite"], in: dir)
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("riskscreen_Emit.resources") || result.stderr.contains("riskscreen_Normalize.resources"), "\(result)")
        #expect(!result.stderr.contains("Fatal error"), "\(result)")
        // With the folders beside it, the same copy runs.
        let built = riskscreenBinary().deletingLastPathComponent()
        for bundle in ["riskscreen_Emit.resources", "riskscreen_Normalize.resources"] {
            try FileManager.default.copyItem(at: built.appendingPathComponent(bundle), to: bin.deletingLastPathComponent().appendingPathComponent(bundle))
        }
        let again = try runProgram(bin.path, ["run", "--config", "riskscreen.toml", "--out", "out2", "--state", "state2/s.sqlite"], in: dir)
        #expect(again.status == 0, "\(again)")
    }
}
