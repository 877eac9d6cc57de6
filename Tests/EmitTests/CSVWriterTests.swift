import Emit
import Testing

/// SPEC 4's CSV rules, whether a record is given whole or cell by cell (as `measures.csv` writes its packed values).
@Suite struct CSVWriterTests {
    static let records = [
        ["=SUM(A1)", "-5", "a,b", "say \"hi\"", "+86 139", "@home", "plain"],
        ["", "-1", "", "", "", "", "王芳"],
    ]

    @Test func cellsAreWrittenAsTheirRecordWouldBe() {
        var whole = CSVWriter(header: ["=h", "b", "c", "d", "e", "f", "g"], literalColumns: [1])
        var cells = whole
        var lent = whole
        for record in Self.records {
            whole.append(record)
            for cell in record { cells.append(cell: cell) }
            cells.endRecord()
            for cell in record {
                var cell = cell
                cell.withUTF8 { lent.append(cell: $0) }
            }
            lent.endRecord()
        }
        let text = String(decoding: whole.bytes, as: UTF8.self)
        // The header is left as it is; a formula cell gets a `'`, a literal column's number does not.
        #expect(text == "\u{FEFF}=h,b,c,d,e,f,g\r\n'=SUM(A1),-5,\"a,b\",\"say \"\"hi\"\"\",'+86 139,'@home,plain\r\n,-1,,,,,王芳\r\n")
        #expect(cells.bytes == whole.bytes)
        #expect(lent.bytes == whole.bytes)
    }
}
