import Emit
import Foundation
import RiskModel
import TestSupport

/// Sample notices and helpers shared by the PDF tests.
enum PDFFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("Sources/Emit/Templates/default")
    static let golden = root.appendingPathComponent("fixtures/golden")
    static let asOf = Day(year: 2020, month: 1, day: 25)!
    static let community = RegionCode(canonicalizing: 330_302_001_001)
    static let wording = NoticeWording(authority: "温州市鹿城区新型冠状病毒感染的肺炎疫情防控工作指挥部", hotline: "0577-88001234")

    static func settings(contacts: GridContacts = contacts) throws -> NoticeRenderSettings {
        NoticeRenderSettings(templates: try NoticeTemplates(directory: templates, wording: wording), wording: wording, contacts: contacts)
    }

    static let contacts = GridContacts([
        GridContact(community: community, gridID: "G2", name: "陈晓燕", phone: "13905770002"),
        GridContact(community: community, gridID: "G10", name: "林建国", phone: "13905770010"),
    ])

    /// A resident ID with a valid check character from 17 digits.
    static func person(_ digits: UInt64) -> PersonKey { PersonKey(cnDigits: digits) }

    static func notice(_ serial: String, _ name: String, person: PersonKey, grid: String, address: String,
                       action: Action = .homeQuarantine, status: NoticeStatus = .new, supersedes: String? = nil,
                       community: RegionCode? = community) -> Notice {
        let level: RiskLevel = action == .centralizedQuarantine ? .high : action == .homeQuarantine ? .medium : .low
        let last = Day(year: 2020, month: 1, day: 24)!
        let measure = Measure(person: person, action: action, level: level, region: RegionCode(canonicalizing: 330_300_000_000),
                              regionName: "温州市", lastExposure: last, until: last + (action == .healthMonitoring ? 7 : 14))
        return Notice(serial: serial, status: status, supersedes: supersedes, measure: measure, name: name, phone: "13812345678",
                      assignment: Assignment(community: community, communityName: community == nil ? "" : "五马街道解放街社区",
                                             gridID: grid, address: address))
    }

    /// Six notices given out of delivery order: grids G10/G2/G3, a two-person household, one passport, one continuing.
    static func notices() -> [Notice] {
        [
            notice("LC-20200125-0006", "王小明", person: person(33030219850101123), grid: "G10", address: "解放街3幢1单元201室"),
            notice("LC-20200125-0002", "李娜", person: person(33030219900202246), grid: "G2", address: "解放街10幢2单元502室",
                   action: .centralizedQuarantine),
            notice("LC-20200125-0001", "张伟", person: person(33030219800303135), grid: "G2", address: "解放街2幢1单元101室"),
            notice("LC-20200125-0003", "张丽", person: person(33030219820404248), grid: "G2", address: "解放街2幢1单元101室",
                   action: .healthMonitoring, status: .amended, supersedes: "LC-20200120-0042"),
            notice("LC-20200125-0004", "JOHN SMITH", person: PersonKey(type: .passport, text: Array("E12345678".utf8))!,
                   grid: "G3", address: "解放街5号"),
            notice("LC-20200120-0009", "赵强", person: person(33030219700505157), grid: "G2", address: "解放街1幢",
                   status: .continuing),
        ]
    }

    /// Serials and names of the printable sample notices, in delivery order.
    static let deliveryOrder: [(serial: String, name: String)] = [
        ("LC-20200125-0003", "张丽"), ("LC-20200125-0001", "张伟"), ("LC-20200125-0002", "李娜"),
        ("LC-20200125-0004", "JOHN SMITH"), ("LC-20200125-0006", "王小明"),
    ]

    static func rescissions() -> [Rescission] {
        [Rescission(serial: "LC-20200118-0007", person: person(33030219750606268), name: "孙芳",
                    assignment: Assignment(community: community, communityName: "五马街道解放街社区", gridID: "G2", address: "解放街8幢"),
                    reason: "风险地区已调整，不再符合管控条件")]
    }

    static func batch(notices: [Notice] = notices(), rescissions: [Rescission] = rescissions()) -> NoticeBatch {
        NoticeBatch(community: community, communityName: "五马街道解放街社区", asOf: asOf, runID: "run-20200125-01",
                    notices: notices, rescissions: rescissions)
    }

    static func temporaryDirectory() throws -> URL {
        try makeTemporaryDirectory("pdftests")
    }
}

/// A command-line tool's failure, with everything needed to reproduce it.
struct ToolFailure: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var stderr: String
    var description: String { "`\(command)` exited \(status): \(stderr)" }
}

/// Runs a poppler or zbar tool and returns its stdout; a missing tool fails the test (apt: poppler-utils, zbar-tools).
@discardableResult
func tool(_ name: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(command: ([name] + arguments).joined(separator: " "), status: process.terminationStatus,
                          stderr: String(decoding: errors, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}
