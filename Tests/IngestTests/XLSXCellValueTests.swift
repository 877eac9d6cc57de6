import Testing
@testable import Ingest

/// Runs a conversion that appends to a `ByteBuffer` and returns what it appended.
private func converted(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, ByteBuffer) -> Bool = { XLSXCellValue.appendNumber($0, to: $1); return true }) -> String? {
    let out = ByteBuffer(capacity: 64)
    let ok = Array(text.utf8).withUnsafeBufferPointer { body($0, out) }
    return ok ? String(decoding: out.bytes, as: UTF8.self) : nil
}

@Suite struct XLSXCellValueTests {
    @Test(arguments: [
        ("13800138000", "13800138000"), ("1.3800138E10", "13800138000"), ("13800138000.0", "13800138000"),
        ("3.30183199001011E+17", "330183199001011000"), ("3.30183199001011e+17", "330183199001011000"),
        ("-1.0E2", "-100"), ("100E-2", "1"), ("0.0", "0"), ("-0", "0"), ("007", "7"), ("0", "0"),
        ("0.1", "0.1"), ("1.5E-3", "1.5E-3"), ("-12.50", "-12.50"), ("1E+40", "1E+40"), ("abc", "abc"), ("1e", "1e"),
    ])
    func numbersAsTyped(_ stored: String, _ typed: String) {
        #expect(converted(stored) == typed)
    }

    @Test(arguments: [
        ("1", false, "1900-01-01"), ("59", false, "1900-02-28"), ("60", false, "1900-02-29"), ("61", false, "1900-03-01"),
        ("0", false, "1900-01-00"), ("43864", false, "2020-02-03"), ("43864.5", false, "2020-02-03 12:00:00"),
        ("43864.99999999", false, "2020-02-04"), ("2958465", false, "9999-12-31"), ("0.25", false, "1900-01-00 06:00:00"),
        ("0", true, "1904-01-01"), ("42402", true, "2020-02-03"), ("1.5E4", false, "1941-01-24"),
    ])
    func dateSerials(_ serial: String, _ date1904: Bool, _ date: String) {
        #expect(converted(serial) { XLSXCellValue.appendDate(serial: $0, date1904: date1904, to: $1) } == date)
    }

    @Test(arguments: ["-1", "2958466", "x", "", "1,5", "NaN"])
    func notDateSerials(_ serial: String) {
        #expect(converted(serial) { XLSXCellValue.appendDate(serial: $0, date1904: false, to: $1) } == nil)
    }

    @Test(arguments: [
        ("2020-02-03", "2020-02-03"), ("2020-02-03T00:00:00", "2020-02-03"), ("2020-02-03T08:30:00Z", "2020-02-03 08:30:00"),
        ("2020-2-3", "2020-2-3"),
    ])
    func isoDates(_ stored: String, _ field: String) {
        #expect(converted(stored) { XLSXCellValue.appendISODate($0, to: $1); return true } == field)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("m/d/yy", true), ("h:mm AM/PM", true), ("[h]:mm:ss", true), ("yyyy\"年\"m\"月\"d\"日\"", true),
        ("[$-804]yyyy/m/d;@", true), ("[DBNum1][$-804]yyyy\"年\"m\"月\"", true),
        ("General", false), ("0.00E+00", false), ("#,##0", false), ("@", false), ("\"d\"0", false), ("\\d0", false),
        ("[Red]0.00", false), ("0.00_);[Red](0.00)", false), ("[$¥-804]#,##0.00", false), ("0;\"d\"", false), ("_d0", false),
    ])
    func dateFormatCodes(_ code: String, _ isDate: Bool) {
        #expect(XLSXStyles.isDateFormat(code) == isDate)
    }

    @Test func builtInDateFormats() {
        for id in [14, 17, 22, 27, 31, 36, 45, 47, 50, 57, 58] { #expect(XLSXStyles.builtInDateFormats.contains(id), "\(id)") }
        for id in [0, 1, 2, 9, 11, 13, 23, 26, 37, 44, 48, 49, 59] { #expect(!XLSXStyles.builtInDateFormats.contains(id), "\(id)") }
    }

    @Test(arguments: [
        ("a_x000D_b", "a\rb"), ("_x005F_x000D_", "_x000D_"), ("_xD83D__xDE00_", "😀"), ("_xD83D_x", "\u{FFFD}x"),
        ("_xDE00_", "\u{FFFD}"), ("_x41_", "_x41_"), ("_x4e2d_", "中"), ("_x", "_x"), ("no escapes", "no escapes"),
    ])
    func escapes(_ stored: String, _ text: String) {
        #expect(converted(stored) { XLSXCellValue.decodeEscapes($0, into: $1); return true } == text)
    }

    @Test(arguments: [("A1", 0), ("Z9", 25), ("AA1", 26), ("ab12", 27), ("XFD1048576", 16383)])
    func columnReferences(_ reference: String, _ index: Int) {
        #expect(Array(reference.utf8).withUnsafeBufferPointer { XLSXCellValue.columnIndex($0) } == index)
        #expect(XLSXRow.columnName(index) == reference.uppercased().prefix { $0.isLetter }.description)
    }

    @Test(arguments: ["1", "", "AAAA1"])
    func badColumnReferences(_ reference: String) {
        #expect(Array(reference.utf8).withUnsafeBufferPointer { XLSXCellValue.columnIndex($0) } == nil)
    }
}
