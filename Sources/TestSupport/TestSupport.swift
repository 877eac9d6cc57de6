import Foundation
import RiskModel
import Testing

/// Test shorthands for values that are known to be valid.
extension Day {
    public static func of(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { fatalError("bad test date \(iso)") }
        return day
    }
}

extension RegionCode {
    /// A region from its digits, padded like a feed value.
    public static func of(_ digits: String) -> RegionCode {
        guard let value = UInt64(digits), RegionCode.levels.contains(digits.count) else { fatalError("bad test region \(digits)") }
        var padded = value
        for _ in digits.count..<12 { padded *= 10 }
        return RegionCode(canonicalizing: padded)
    }
}

extension PersonKey {
    /// A resident ID key from 17 digits.
    public static func cn(_ digits17: String) -> PersonKey {
        guard digits17.count == 17, let value = UInt64(digits17) else { fatalError("bad test id \(digits17)") }
        return PersonKey(cnDigits: value)
    }
}

extension Policy {
    /// The example policy of SPEC 1.5.
    public static let example = Policy(name: "示例政策 2020-02", lookbackDays: 14, levels: [
        .high: LevelRule(action: .centralizedQuarantine, days: 14, coarse: .low),
        .medium: LevelRule(action: .homeQuarantine, days: 14, coarse: .low),
        .low: LevelRule(action: .healthMonitoring, days: 7, coarse: nil),
    ])
}

/// The folder of this test process's temporary directories, removed when the process exits.
///
/// Every test makes its folders here rather than straight under /tmp: a suite of two hundred tests run on every
/// commit otherwise leaves thousands of folders of feeds, stores and PDFs behind on a developer's or CI's disk.
private let processScratch: URL = {
    let url = scratchRoot(pid: getpid())
    atexit { try? FileManager.default.removeItem(at: scratchRoot(pid: getpid())) }
    return url
}()

private func scratchRoot(pid: Int32) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("riskscreen-tests-\(pid)")
}

/// A fresh empty directory of this test process's, removed with the others when the process exits.
public func makeTemporaryDirectory(_ label: String = "riskscreen") throws -> URL {
    let url = processScratch.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Tags for tests that need more than the build: a quick loop skips them (`swift test --skip 'Printing|Browser|PDFText'`
/// by suite name), `scripts/test.sh` runs them all after installing what they need.
extension Tag {
    /// Needs a running cupsd with the cups-pdf printer (`scripts/cups-test-printer.sh`).
    @Tag public static var cups: Self
    /// Needs Chromium (headless) to load and screenshot a page.
    @Tag public static var browser: Self
    /// Needs poppler-utils (pdftotext, pdftoppm) or zbar to read PDFs back.
    @Tag public static var pdfTools: Self
}
