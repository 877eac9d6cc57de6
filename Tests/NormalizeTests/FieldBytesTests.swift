import Testing
import RiskModel
@testable import Normalize

@Suite struct FieldBytesTests {
    @Test(arguments: [
        ("  abc\t", "abc"),
        ("\u{3000}张三\u{3000}", "张三"),
        (" \u{3000} 3301 \r\n", "3301"),
        ("a\u{3000}b", "a\u{3000}b"),          // only the ends are trimmed
        ("\u{3000}\u{3000}", ""),
        ("", ""),
        ("\u{3001}x", "\u{3001}x"),             // 、 (E3 80 81) is not a space
    ])
    func trimsASCIIWhitespaceAndIdeographicSpace(raw: String, expected: String) {
        let bytes = Array(raw.utf8)
        let result = bytes.withUnsafeBufferPointer { String(decoding: Fields.trimmed($0), as: UTF8.self) }
        #expect(result == expected)
        #expect(Fields.text(raw.utf8) == expected)
        #expect(Fields.isBlank(raw.utf8) == expected.isEmpty)
    }

    @Test(arguments: [
        ("３３０１", "3301"),
        ("ＡＢＣ－１２３", "ABC-123"),
        ("ａｂｃ～！", "abc~!"),
        ("Ｅ１２３４５６７８", "E12345678"),
        ("张３", "张3"),                          // other characters are kept as they are
        ("\u{FF00}\u{FF5F}", "\u{FF00}\u{FF5F}"),  // just outside U+FF01–U+FF5E
        ("\u{3000}１\u{3000}", "1"),
    ])
    func foldsFullWidthASCIIInIdentifiers(raw: String, expected: String) {
        #expect(Fields.identifier(raw.utf8) == expected)
    }

    @Test func keepsFreeTextUnfolded() {
        #expect(Fields.text(" 文三路１号 ".utf8) == "文三路１号")
    }

    @Test func foldsNonContiguousCollections() {
        // A lazily mapped collection has no contiguous storage and takes the copying path.
        let bytes = Array("３３０１".utf8).lazy.map { $0 }
        #expect(Fields.identifier(bytes) == "3301")
    }
}
