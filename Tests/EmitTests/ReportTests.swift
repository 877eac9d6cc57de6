import Testing
@testable import Emit
import RiskModel

@Suite("Report: ID masking and reject grouping")
struct ReportTests {
    @Test("ID-shaped numbers in free text are masked; other numbers are left alone", arguments: [
        ("张三,330111198001011234,13812345678", false, "张三,330111********1234,13812345678"),
        ("张三,330111198001011234,13812345678", true, "张三,330111********1234,138****5678"),
        ("id 11010519491231002x here", false, "id 110105********002x here"),
        ("legacy 330111800101123,", false, "legacy 330111*****1123,"),
        ("has 8 fields, header has 9", true, "has 8 fields, header has 9"),
        ("ts=1580952600123456789", false, "ts=1580952600123456789"),  // 19 digits: not an ID
        ("A330111198001011234", false, "A330111198001011234"),  // glued to a letter: part of another token
    ])
    func redaction(text: String, phones: Bool, expected: String) {
        #expect(IDRedaction.redact(text, phones: phones) == expected)
    }

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
