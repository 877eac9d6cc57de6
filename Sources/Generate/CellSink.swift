import Emit
import Foundation
import Machinery
import RiskModel

/// The cell being built for a generated CSV file, with appenders that cost no allocation per field; each finished
/// cell goes to the file's `CSVWriter`, which quotes it as needed.
final class CellSink {
    /// The longest cell a generated feed has.
    static let cellLimit = 1024

    let file: CSVFile
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    init(_ file: CSVFile) {
        self.file = file
        buffer = .allocate(capacity: CellSink.cellLimit)
    }

    deinit { buffer.deallocate() }

    var url: URL { file.url }

    /// Ends the cell being built: it goes to the file's record.
    @inline(__always)
    func endCell() {
        file.csv.append(cell: UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// Ends the last cell and the record.
    @inline(__always)
    func endRow() throws {
        endCell()
        try file.endRecord()
    }

    /// Writes out what is left and closes the file; returns its size.
    func finish() throws -> Int {
        do { return try file.finish() } catch {
            throw GeneratorError.cannotWrite(path: file.url.path, reason: SystemText.reason(of: error))
        }
    }

    @inline(__always)
    func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Appends a literal; `StaticString` gives its UTF-8 bytes without any conversion.
    @inline(__always)
    func put(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        (buffer + count).update(from: text.utf8Start, count: n)
        count += n
    }

    /// Appends a string (headers and other cold paths).
    func put(string: String) {
        for byte in string.utf8 { put(byte) }
    }

    @inline(__always)
    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits.
    @inline(__always)
    func put(digits value: UInt64, width: Int) {
        var v = value
        var i = width - 1
        while i >= 0 {
            buffer[count + i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
            i -= 1
        }
        count += width
    }

    /// Appends a non-negative number in decimal without padding.
    @inline(__always)
    func put(number value: Int) {
        var width = 1
        var limit = 10
        while value >= limit, width < 19 { width += 1; limit &*= 10 }
        put(digits: UInt64(value), width: width)
    }

    /// The last `n` bytes appended, for in-place computations such as check characters.
    @inline(__always)
    func last(_ n: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(start: buffer + count - n, count: n)
    }

    /// The GB 11643 check character of the 17 digits just appended.
    @inline(__always)
    func checkCharacterOfLast17() -> UInt8 {
        PersonKey.checkCharacter(UnsafeBufferPointer(start: buffer + count - 17, count: 17))
    }

    /// Appends a day in one of the date formats SPEC 1.1 accepts.
    @inline(__always)
    func put(day: Day, style: DateStyle) {
        let c = day.components
        switch style {
        case .iso:
            put(digits: UInt64(c.year), width: 4); put(UInt8(ascii: "-"))
            put(digits: UInt64(c.month), width: 2); put(UInt8(ascii: "-"))
            put(digits: UInt64(c.day), width: 2)
        case .isoTime:
            put(day: day, style: .iso)
            put(" 08:30:00")
        case .compact:
            put(digits: UInt64(c.year), width: 4)
            put(digits: UInt64(c.month), width: 2)
            put(digits: UInt64(c.day), width: 2)
        case .slashes:
            put(digits: UInt64(c.year), width: 4); put(UInt8(ascii: "/"))
            put(number: c.month); put(UInt8(ascii: "/"))
            put(number: c.day)
        case .chinese:
            put(digits: UInt64(c.year), width: 4); put("年")
            put(number: c.month); put("月")
            put(number: c.day); put("日")
        }
    }
}

/// The date spellings the generator writes (all valid under SPEC 1.1).
enum DateStyle: Sendable {
    case iso, isoTime, compact, slashes, chinese
}

/// A table of UTF-8 strings packed in one allocation, appended to a sink by index.
final class ByteTable {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let starts: [Int]
    let count: Int

    init(_ strings: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for s in strings {
            bytes.append(contentsOf: s.utf8)
            starts.append(bytes.count)
        }
        storage = .allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(from: bytes)
        self.starts = starts
        count = strings.count
    }

    deinit { storage.deallocate() }

    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[starts[index]..<starts[index + 1]])
    }
}
