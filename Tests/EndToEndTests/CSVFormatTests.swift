import Foundation
import Testing
import TestSupport

/// SPEC 4's CSV rules on the bytes the binary writes: BOM, CRLF, RFC 4180 quoting, formula cells neutralised.
@Suite struct CSVFormatTests {
    @Test func measuresAndRejectsOpenCleanlyInExcelAndWPS() throws {
        let dir = try freshCopy(ofFixture: "cases/coarse")
        // A visitor whose name looks like a formula, and a rejected row holding a comma and a quote.
        try #"""
            id_no,name,phone,region_code,arrived_on
            420106198507090550,"=HYPERLINK(""x""),1",13900000003,420106,2020-02-01
            42010619850709055,"-bad, ""quoted""",,420106,2020-02-01
            """#.write(to: dir.appendingPathComponent("visitors.csv"), atomically: true, encoding: .utf8)
        let result = try riskscreen(["run", "--as-of", "2020-02-06", "--policy", "policy.toml", "--regions", "regions.csv", "--travel", "visitors.csv",
                                     "--out", "out", "--state", "state/s.sqlite", "--no-render", "--max-reject-rate", "1"], in: dir)
        #expect(result.status == 0, "\(result)")
        let folder = URL(fileURLWithPath: result.lastLine)
        for file in ["measures.csv", "rejects.csv", "rescinded.csv"] {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(file) starts with a UTF-8 BOM")
            let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
            #expect(!lineFeeds.isEmpty && lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "\(file) ends every line with CRLF")
        }
        let measures = try csvLines(folder.appendingPathComponent("measures.csv"))
        let visitor = try #require(measures.first { $0.contains("420106198507090550") }, "\(measures)")
        // The formula is neutralised and quoted (it holds a comma and quotes); codes and dates are left as they are.
        #expect(visitor.contains(",\"'=HYPERLINK(\"\"x\"\"),1\",13900000003,,,,,centralized_quarantine,high,420106000000,"), "\(visitor)")
        #expect(visitor.hasSuffix(",2020-02-01,2020-02-15,direct,420106000000,湖北省武汉市武昌区"), "\(visitor)")
        let rejects = try csvLines(folder.appendingPathComponent("rejects.csv"))
        #expect(rejects.count == 2, "\(rejects)")
        #expect(rejects[1].hasPrefix("visitors,visitors.csv,3,id_no,"), "\(rejects[1])")
        // The raw record quoted as RFC 4180 says, then the reason's code (SPEC 11), the same in every language.
        #expect(rejects[1].hasSuffix(",\"42010619850709055,\"\"-bad, \"\"\"\"quoted\"\"\"\"\"\",,420106,2020-02-01\",id_length"), "\(rejects[1])")
    }
}
