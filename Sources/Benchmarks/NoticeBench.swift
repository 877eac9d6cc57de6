import Dispatch
import Emit
import Foundation
import Lifecycle
import Machinery
import RiskModel

/// Renders synthetic notice batches and reports pages per second, for `scripts/bench.sh`.
enum NoticeBench {
    struct Result: Sendable {
        var pages: Int
        var seconds: Double
        var bytes: Int
        var pagesPerSecond: Double { Double(pages) / seconds }
    }

    /// Renders `notices` notices split evenly over `communities` batches into `folder`.
    static func run(notices: Int, communities: Int, folder: URL, templates: String?, workers: Workers) throws -> Result {
        let asOf = Day(year: 2020, month: 2, day: 6) ?? Day(number: 0)
        var rng = SplitMix64(seed: 42)
        var all: [Notice] = []
        all.reserveCapacity(notices)
        for i in 0..<notices {
            let c = i % max(communities, 1)
            let community = RegionCode(canonicalizing: 330_111_001_001 + UInt64(c))
            let digits = 33_011_119_800_101_000 + UInt64(i)
            let action: Action = [.homeQuarantine, .centralizedQuarantine, .healthMonitoring][Int(rng.next() % 3)]
            let last = asOf - Int(rng.next() % 10)
            let measure = Measure(person: PersonKey(cnDigits: digits), action: action, level: .medium, region: RegionCode(canonicalizing: 330_300_000_000),
                                  regionName: "浙江省温州市", lastExposure: last, until: last + 14)
            all.append(Notice(serial: Serial.make(prefix: Serial.prefix(community: community, asOf: asOf), sequence: i / communities + 1),
                              status: .new, supersedes: nil, measure: measure, name: "张建国", phone: "13800000000",
                              assignment: Assignment(community: community, communityName: "山水社区", gridID: "LS-SS-0\(i % 9 + 1)",
                                                     address: "杭州市富阳区鹿山街道山水社区\(i % 40 + 1)幢\(i % 6 + 1)单元\(i % 30 + 101)室")))
        }
        let wording = NoticeWording(authority: "杭州市富阳区新型冠状病毒感染的肺炎疫情防控工作指挥部", hotline: "12345")
        let settings = NoticeRenderSettings(templates: try NoticeTemplates(directory: try templates.map { URL(fileURLWithPath: $0) } ?? NoticeTemplates.installedFolder(), wording: wording), wording: wording)
        let batches = NoticeBatch.batches(notices: all, rescissions: [], asOf: asOf, runID: "bench")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let start = DispatchTime.now()
        let rendered = try NoticePDF.renderAll(batches, into: folder, settings: settings, workers: workers)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let bytes = rendered.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.file.path)[.size] as? Int) ?? 0) }
        return Result(pages: rendered.reduce(0) { $0 + $1.pages }, seconds: seconds, bytes: bytes)
    }
}
