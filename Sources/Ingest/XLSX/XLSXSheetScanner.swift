import RiskModel

/// Turns a worksheet's `<sheetData>` into rows of fields, delivering each non-blank row as its `</row>` arrives.
///
/// Cells and rows may come with or without `r` attributes (writers differ): a cell without one follows the
/// cell before it, a row without one the row before it. Gaps between cells become empty fields. Rows and
/// cells must come in ascending order, as every spreadsheet program writes them; anything else is damage.
final class XLSXSheetScanner: XMLSink {
    private enum CellType: UInt8 { case number, shared, inline, formulaString, boolean, error, isoDate }

    private let path: String
    private let part: String
    private let limits: XLSXLimits
    private let strings: XLSXSharedStrings
    private let styles: XLSXStyles
    private let date1904: Bool
    /// Receives each row; set for the length of one pass.
    var deliver: ((borrowing XLSXRow) throws -> Void)?
    /// How many more rows to deliver before stopping.
    var remaining = Int.max

    // The row being read: fields back to back in `bytes`, field i ending at `ends[i]`, its kind in `kinds[i]`.
    private let bytes = ByteBuffer(capacity: 1 << 16)
    private let ends = GrowableBuffer<Int>(capacity: 64)
    private let kinds = GrowableBuffer<UInt8>(capacity: 64)
    /// Fields up to and including the last one with a value.
    private var valuedFields = 0
    private var problem: XLSXRowProblem?
    private var rowNumber = 0
    private var column = -1

    // The cell being read; cells count only inside a row (extension lists elsewhere have elements of any name).
    private var inRow = false
    private var inCell = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var cellColumn = 0
    private let text: CellText
    private let scratch = ByteBuffer(capacity: 4096)

    /// The number of the last `<row>` seen, blank or not.
    private(set) var lastRow = 0
    /// Rows delivered.
    private(set) var records = 0

    init(path: String, part: String, limits: XLSXLimits, strings: XLSXSharedStrings, styles: XLSXStyles, date1904: Bool) {
        self.path = path
        self.part = part
        self.limits = limits
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
        text = CellText(maxFieldBytes: limits.maxFieldBytes)
    }

    private func damaged(_ reason: Message) {
        fail(XLSXError.damaged(file: path, part: part, reason: reason))
    }

    private var cellName: String { XLSXCellValue.columnName(cellColumn) + String(rowNumber) }

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            if inRow { startCell(attributes) }
        case UInt8(ascii: "v") where name[1] == 0:
            if inCell { text.collecting = true }
        case UInt8(ascii: "t") where name[1] == 0:
            if inInlineString, phoneticDepth == 0 { text.collecting = true }
        case UInt8(ascii: "r"):
            if XMLName.matches(name, "row") {
                startRow(attributes)
            } else if XMLName.matches(name, "rPh") {
                phoneticDepth += 1
            }
        case UInt8(ascii: "i"):
            if inCell, XMLName.matches(name, "is") { inInlineString = true }
        default:
            break
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            endCell()
        case UInt8(ascii: "v") where name[1] == 0, UInt8(ascii: "t") where name[1] == 0:
            text.collecting = false
        case UInt8(ascii: "r"):
            if XMLName.matches(name, "row") {
                endRow()
            } else if XMLName.matches(name, "rPh") {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "i"):
            if XMLName.matches(name, "is") { inInlineString = false }
        default:
            break
        }
    }

    override func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        if text.collecting { text.append(bytes, count) }
    }

    private func startRow(_ attributes: XMLAttributes) {
        var number = rowNumber + 1
        if let r = attributes.value("r") {
            guard let n = Self.positiveInteger(r) else {
                damaged(WorkbookText.rowNumberInvalid(["row": rowNumber + 1, "value": XLSXText.printable(String(decoding: r, as: UTF8.self), limit: 20)]))
                return
            }
            number = n
        }
        guard number > rowNumber else {
            damaged(WorkbookText.rowOutOfOrder(["row": number, "previous": rowNumber]))
            return
        }
        guard number <= 1_048_576 else {
            damaged(WorkbookText.rowPastLast(["row": number]))
            return
        }
        rowNumber = number
        lastRow = number
        inRow = true
        column = -1
        bytes.removeAll()
        ends.removeAll()
        kinds.removeAll()
        valuedFields = 0
        problem = nil
    }

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        inInlineString = false
        phoneticDepth = 0
        text.reset()
        cellType = .number
        cellStyle = 0
        var next = column + 1
        // One pass over the attributes: `r`, `t` and `s` are the only ones read, and this runs for every cell.
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let name = base[5 * i], name[1] == 0, let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
                let value = UnsafeBufferPointer(start: start, count: end - start)
                switch name[0] {
                case UInt8(ascii: "r"):
                    guard let c = XLSXCellValue.columnIndex(value) else {
                        damaged(WorkbookText.cellReferenceInvalid(["row": rowNumber, "value": XLSXText.printable(String(decoding: value, as: UTF8.self), limit: 20)]))
                        return
                    }
                    next = c
                case UInt8(ascii: "t"):
                    cellType = Self.cellType(value)
                case UInt8(ascii: "s"):
                    cellStyle = Self.positiveInteger(value) ?? 0
                default:
                    continue
                }
            }
        }
        guard next > column else {
            damaged(WorkbookText.cellOutOfOrder(["cell": XLSXCellValue.columnName(next) + String(rowNumber),
                                                   "previous": XLSXCellValue.columnName(column) + String(rowNumber)]))
            return
        }
        guard next < limits.maxColumns else {
            fail(XLSXError.tooLarge(file: path, part: part, what: WorkbookText.columnsInRow(["row": rowNumber, "column": XLSXCellValue.columnName(next)]),
                                    limit: limits.maxColumns))
            return
        }
        cellColumn = next
    }

    private static func cellType(_ value: UnsafeBufferPointer<UInt8>) -> CellType {
        switch value.count {
        case 1:
            switch value[0] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3 where value.elementsEqual("str".utf8): return .formulaString
        case 9 where value.elementsEqual("inlineStr".utf8): return .inline
        default: return .number
        }
    }

    @inline(__always)
    private static func positiveInteger(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !value.isEmpty, value.count <= 18 else { return nil }
        var n = 0
        for c in value {
            guard c >= 0x30, c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    private func endCell() {
        guard inCell else { return }
        inCell = false
        column = cellColumn
        while ends.count < cellColumn {
            ends.append(bytes.count)
            kinds.append(XLSXCellKind.empty.rawValue)
        }
        let start = bytes.count
        var kind = XLSXCellKind.empty
        let raw = text.raw.bytes
        switch cellType {
        case .shared:
            guard !raw.isEmpty else { break }
            guard let index = Self.positiveInteger(raw), let (value, truncated) = strings.string(index) else {
                damaged(WorkbookText.sharedStringMissing(["cell": cellName, "index": XLSXText.printable(String(decoding: raw, as: UTF8.self), limit: 20),
                                                            "count": strings.count]))
                return
            }
            bytes.append(value.baseAddress, value.count)
            if truncated { tooLong() }
            kind = .text
        case .inline, .formulaString:
            let (value, truncated) = text.decoded(into: scratch)
            bytes.append(value.baseAddress, value.count)
            if truncated { tooLong() }
            kind = .text
        case .boolean:
            guard !raw.isEmpty else { break }
            let isTrue = raw.count == 1 ? raw[0] == UInt8(ascii: "1") : raw.elementsEqual("true".utf8)
            let word = isTrue ? "TRUE" : "FALSE"
            for c in word.utf8 { bytes.append(c) }
            kind = .boolean
        case .error:
            let (value, truncated) = text.decoded(into: scratch)
            guard !value.isEmpty else { break }
            bytes.append(value.baseAddress, value.count)
            if truncated { tooLong() }
            kind = .error
        case .isoDate:
            guard !raw.isEmpty else { break }
            XLSXCellValue.appendISODate(raw, to: bytes)
            kind = .date
        case .number:
            guard !raw.isEmpty else { break }
            if styles.isDate(cellStyle), XLSXCellValue.appendDate(serial: raw, date1904: date1904, to: bytes) {
                kind = .date
            } else {
                XLSXCellValue.appendNumber(raw, to: bytes)
                kind = .number
            }
        }
        // A value that is empty text (a shared string "") is an empty field, as in a CSV file.
        if bytes.count == start { kind = .empty }
        ends.append(bytes.count)
        kinds.append(kind.rawValue)
        if kind != .empty { valuedFields = cellColumn + 1 }
    }

    private func tooLong() {
        if problem == nil { problem = .fieldTooLong(column: cellColumn, limit: limits.maxFieldBytes) }
    }

    private func endRow() {
        inRow = false
        guard valuedFields > 0, remaining > 0, let deliver else { return }
        let row = XLSXRow(line: rowNumber, fieldCount: valuedFields, problem: problem,
                          base: UnsafePointer(bytes.base), ends: UnsafePointer(ends.base), kinds: UnsafePointer(kinds.base))
        do {
            try deliver(row)
        } catch {
            fail(error)
            return
        }
        records += 1
        remaining -= 1
        if remaining == 0 { stop() }
    }
}
