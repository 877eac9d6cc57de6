import RiskModel

/// Why a record cannot be used as read; the caller turns it into a reject.
public enum RecordProblem: Sendable, Hashable {
    case fieldCount(found: Int, expected: Int)
    /// `column` is the canonical name, or the header text for a column the schema does not use;
    /// `byte` is the 1-based position in the field of the first bad byte.
    case encoding(column: String, encoding: TextEncoding, byte: Int)
    /// SPEC 1.1: a C0 or C1 control character (or DEL) other than a line break where the column allows one;
    /// `position` is the 1-based character in the field.
    case controlCharacter(column: String, scalar: UInt32, position: Int)
    /// SPEC 1.1: a field longer than the limit (`max_field_bytes`).
    case fieldTooLong(column: String, bytes: Int, limit: Int)
    /// A field so long that its record ran past `recordLimit`, the most the reader holds: the rest of its line
    /// (`lineBytes` long) was skipped.
    case recordTooLong(column: String, lineBytes: Int, recordLimit: Int, fieldLimit: Int)
    /// A workbook's cell (`cell`, `B7`) longer than the limit; the reader kept only its head.
    case cellTooLong(column: String, cell: String, limit: Int)

    /// Column for `rejects.csv`; empty when the whole record is at fault.
    public var column: String {
        switch self {
        case .fieldCount: return ""
        case let .encoding(column, _, _), let .controlCharacter(column, _, _), let .fieldTooLong(column, _, _),
             let .recordTooLong(column, _, _, _), let .cellTooLong(column, _, _):
            return column
        }
    }

    /// The reason for `rejects.csv`, its entry's name the reject's `code`.
    public var reason: Message {
        switch self {
        case let .fieldCount(found, expected):
            return RejectText.fieldCount(["found": found, "expected": expected])
        case let .encoding(_, encoding, byte):
            return RejectText.encoding(["encoding": encoding == .gb18030 ? "GB18030" : "UTF-8", "byte": byte])
        case let .controlCharacter(_, scalar, position):
            let hex = String(scalar, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if scalar == 0x0A || scalar == 0x0D { return RejectText.lineBreak(["position": position]) }
            return RejectText.controlCharacter(["character": code, "position": position])
        case let .fieldTooLong(_, bytes, limit):
            return RejectText.fieldTooLong(["bytes": bytes, "limit": limit])
        case let .recordTooLong(_, lineBytes, recordLimit, fieldLimit):
            return RejectText.recordTooLong(["record_limit": recordLimit, "line_bytes": lineBytes, "field_limit": fieldLimit])
        case let .cellTooLong(_, cell, limit):
            return RejectText.cellTooLong(["cell": cell, "limit": limit])
        }
    }
}

/// One record, valid only during the `forEachRecord` call that delivers it.
///
/// Field bytes are UTF-8 (transcoded when the file is GB18030) and live in the reader's
/// reused buffers: copy what you keep. When `problem` is set, fields may be incomplete.
public struct RecordView {
    /// 1-based physical line where the record starts.
    public let line: Int
    public let fieldCount: Int
    public let problem: RecordProblem?
    // Usable from inline so `field`, called for every field of every record, inlines into the readers of Normalize.
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let ends: UnsafePointer<Int>
    @usableFromInline let mapping: UnsafeBufferPointer<Int>
    /// The record's bytes as they are in the file (file encoding, quotes kept, line terminator removed).
    public let rawBytes: UnsafeBufferPointer<UInt8>
    /// Unmanaged so delivering a record costs no reference counting; the reader keeps the decoder alive.
    let decoder: Unmanaged<GB18030Decoder>?
    /// Whether `rawBytes` is only the head of a record too long to hold.
    var rawCut = false
    /// For a workbook's row, what each field's cell held (`XLSXCellKind` raw values, file order); nil for a CSV record.
    var kinds: UnsafePointer<UInt8>? = nil

    /// UTF-8 bytes of a schema column; empty when the file has no such column or the record is short.
    @inlinable @inline(__always)
    public func field(_ schemaColumn: Int) -> UnsafeBufferPointer<UInt8> {
        guard schemaColumn >= 0, schemaColumn < mapping.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return fileField(mapping[schemaColumn])
    }

    /// UTF-8 bytes of the record's `index`-th field (0-based, file order).
    @inlinable @inline(__always)
    public func fileField(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0, index < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: base + start, count: ends[index] - start)
    }

    /// Whether the file has the schema column at all.
    public func has(_ schemaColumn: Int) -> Bool {
        schemaColumn >= 0 && schemaColumn < mapping.count && mapping[schemaColumn] >= 0
    }

    /// What the cell of a schema column held, for a workbook's row (SPEC 11: an ID Excel stored as a number); nil for
    /// a CSV record.
    @inlinable
    public func cellKind(_ schemaColumn: Int) -> XLSXCellKind? {
        guard let kinds = cellKinds else { return nil }
        guard schemaColumn >= 0, schemaColumn < mapping.count else { return .empty }
        let index = mapping[schemaColumn]
        guard index >= 0, index < fieldCount else { return .empty }
        return XLSXCellKind(rawValue: kinds[index]) ?? .empty
    }

    @usableFromInline var cellKinds: UnsafePointer<UInt8>? { kinds }

    /// A schema column as a `String` (allocates; for values that are kept).
    public func string(_ schemaColumn: Int) -> String {
        String(decoding: field(schemaColumn), as: UTF8.self)
    }

    /// The raw record decoded leniently (bad bytes become U+FFFD), for `rejects.csv`.
    ///
    /// Control characters other than line breaks and tabs are shown as their pictures (`␀`, `␇`; U+FFFD for C1),
    /// so a rejected record never puts a raw NUL or escape into `rejects.csv` or the report. A record cut short
    /// (over the length the reader holds) ends with `…`.
    public var raw: String {
        if kinds != nil { return RecordView.pictured(sheetRecord) }
        let text: String
        if let decoder { text = decoder._withUnsafeGuaranteedRef { $0.decodeLeniently(rawBytes) } } else {
            text = String(decoding: rawBytes, as: UTF8.self)
        }
        let shown = RecordView.pictured(text)
        return rawCut ? shown + "…" : shown
    }

    /// A workbook's row as one CSV record (RFC 4180 quoting): what `raw` shows for it.
    var sheetRecord: String {
        var out = ""
        for i in 0..<fieldCount {
            if i > 0 { out += "," }
            let s = String(decoding: fileField(i), as: UTF8.self)
            if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out += "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
            } else {
                out += s
            }
        }
        return out
    }

    /// The text with C0 controls (but line breaks and tab) and DEL as their Unicode pictures, C1 controls as U+FFFD.
    static func pictured(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool {
            (s.value < 0x20 && s != "\n" && s != "\r" && s != "\t") || (0x7F...0x9F).contains(s.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if !isControl(s) {
                out.append(s)
            } else if s.value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + s.value)!)
            } else if s.value == 0x7F {
                out.append("\u{2421}")
            } else {
                out.append("\u{FFFD}")
            }
        }
        return String(out)
    }
}
