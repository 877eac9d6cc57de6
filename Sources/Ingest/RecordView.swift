/// Why a record cannot be used as read; the caller turns it into a reject.
public enum RecordProblem: Sendable, Hashable {
    case fieldCount(found: Int, expected: Int)
    /// `column` is the canonical name, or the header text for a column the schema does not use;
    /// `byte` is the 1-based position in the field of the first bad byte.
    case encoding(column: String, encoding: TextEncoding, byte: Int)

    /// Column for `rejects.csv`; empty when the whole record is at fault.
    public var column: String {
        switch self {
        case .fieldCount: return ""
        case let .encoding(column, _, _): return column
        }
    }

    /// The reason in words for `rejects.csv`.
    public var reason: String {
        switch self {
        case let .fieldCount(found, expected):
            return "has \(found) field\(found == 1 ? "" : "s"), header has \(expected)"
        case let .encoding(_, encoding, byte):
            let name = encoding == .gb18030 ? "GB18030" : "UTF-8"
            return "not valid \(name) (byte \(byte) of the field); re-export the file in one encoding"
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

    /// A schema column as a `String` (allocates; for values that are kept).
    public func string(_ schemaColumn: Int) -> String {
        String(decoding: field(schemaColumn), as: UTF8.self)
    }

    /// The raw record decoded leniently (bad bytes become U+FFFD), for `rejects.csv`.
    public var raw: String {
        if let decoder { return decoder._withUnsafeGuaranteedRef { $0.decodeLeniently(rawBytes) } }
        return String(decoding: rawBytes, as: UTF8.self)
    }
}
