import RiskModel

/// The workbook's shared strings (`xl/sharedStrings.xml`), decoded, back to back in one buffer.
///
/// Cells refer to them by index, in any order, so the whole table is kept; `XLSXLimits.maxSharedStringBytes`
/// bounds it, counting each string's bytes plus 8 for its bookkeeping.
final class XLSXSharedStrings {
    private let bytes = ByteBuffer(capacity: 1 << 16)
    /// String i ends at `ends[i]`; the top bit marks a string cut at `maxFieldBytes`.
    private let ends = GrowableBuffer<UInt64>(capacity: 1024)
    static let truncatedBit: UInt64 = 1 << 63

    var count: Int { ends.count }

    init() {}

    /// Reads a shared-strings part.
    init(archive: XLSXArchive, part: String, limits: XLSXLimits) throws {
        let sink = SharedStringsSink(table: self, path: archive.path, part: part, limits: limits)
        try archive.parse(part, with: sink, limit: Int.max, what: WorkbookText.sharedStringBytes())
    }

    /// String `index`'s UTF-8 bytes and whether it was cut; nil when there is no such string.
    @inline(__always)
    func string(_ index: Int) -> (bytes: UnsafeBufferPointer<UInt8>, truncated: Bool)? {
        guard index >= 0, index < ends.count else { return nil }
        let end = ends.base[index]
        let start = index == 0 ? 0 : Int(ends.base[index - 1] & ~Self.truncatedBit)
        let stop = Int(end & ~Self.truncatedBit)
        return (UnsafeBufferPointer(start: bytes.base + start, count: stop - start), end & Self.truncatedBit != 0)
    }

    fileprivate func append(_ text: UnsafeBufferPointer<UInt8>, truncated: Bool) {
        bytes.append(text.baseAddress, text.count)
        ends.append(UInt64(bytes.count) | (truncated ? Self.truncatedBit : 0))
    }

    fileprivate var byteCount: Int { bytes.count + 8 * ends.count }
}

/// Collects each `<si>`'s text: its `<t>`, or the `<t>` of its rich-text runs (`<r>`), never the phonetic
/// reading (`<rPh>`) that Excel adds to Japanese text.
private final class SharedStringsSink: XMLSink {
    let table: XLSXSharedStrings
    let path: String
    let part: String
    let limits: XLSXLimits
    let text: CellText
    let decoded = ByteBuffer(capacity: 4096)
    var inString = false
    var phoneticDepth = 0

    init(table: XLSXSharedStrings, path: String, part: String, limits: XLSXLimits) {
        self.table = table
        self.path = path
        self.part = part
        self.limits = limits
        text = CellText(maxFieldBytes: limits.maxFieldBytes)
    }

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "t") {
            text.collecting = inString && phoneticDepth == 0
        } else if XMLName.matches(name, "si") {
            inString = true
            text.reset()
        } else if XMLName.matches(name, "rPh") {
            phoneticDepth += 1
        }
    }

    override func end(_ name: UnsafePointer<UInt8>) {
        if XMLName.matches(name, "t") {
            text.collecting = false
        } else if XMLName.matches(name, "si") {
            inString = false
            let (value, truncated) = text.decoded(into: decoded)
            table.append(value, truncated: truncated)
            if table.byteCount > limits.maxSharedStringBytes {
                fail(XLSXError.tooLarge(file: path, part: part, what: WorkbookText.sharedStringBytes(), limit: limits.maxSharedStringBytes))
            }
        } else if XMLName.matches(name, "rPh") {
            phoneticDepth -= 1
        }
    }

    override func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        if text.collecting { text.append(bytes, count) }
    }
}
