import Testing
@testable import Emit
import RiskModel

@Suite("Report: ID masking and reject grouping")
struct ReportTests {
    @Test("rejects for the same cause are counted together")
    func reasonPattern() {
        #expect(RunReport.reasonPattern("birth date 19461315 does not exist") == RunReport.reasonPattern("birth date 20101328 does not exist"))
        #expect(RunReport.reasonPattern("has 8 fields, header has 9") == "has 8 fields, header has 9")
    }

    @Test("text is escaped in the page")
    func escaping() {
        #expect(HTML.escape("<script>\"a\" & 'b'") == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;")
        #expect(HTML.count(1_234_567) == "1,234,567")
        #expect(HTML.decimal(0.0005, places: 3) == "0.001")
    }
}
