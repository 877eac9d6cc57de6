import CXML
import Foundation
import Machinery
import RiskModel
import ZIPFoundation

/// The ZIP container of a workbook: what the file is, its entries by part name, and each part streamed out.
final class XLSXArchive {
    let path: String
    private let archive: Archive
    /// Entries by lower-cased part name: OPC part names compare case-insensitively.
    private let entries: [String: Entry]

    /// Opens the file as a ZIP archive, after telling apart the files that are not one.
    init(path: String, maxEntries: Int) throws(XLSXError) {
        self.path = path
        let file: MappedFile
        do {
            file = try MappedFile.open(path)
        } catch {
            throw Self.unreadable(path, error)
        }
        try Self.checkSignature(file, path: path)
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .damaged(file: path, part: nil, reason: WorkbookText.zipDirectoryUnreadable())
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= maxEntries else {
                throw .damaged(file: path, part: nil, reason: WorkbookText.tooManyEntries(["max": maxEntries]))
            }
            guard entry.type == .file else { continue }
            let name = Self.partKey(entry.path)
            if entries[name] == nil { entries[name] = entry }
        }
        self.entries = entries
    }

    /// Throws unless the file starts like a ZIP archive and has an end-of-directory record where one must be.
    ///
    /// Checked here because ZIPFoundation looks for that record by reading backwards through the whole file,
    /// one `fseek` and `fread` per byte: 5 s for a 20 MB workbook cut short, measured.
    private static func checkSignature(_ file: MappedFile, path: String) throws(XLSXError) {
        var head = [UInt8](repeating: 0, count: 8)
        let headCount = try readHead(file, into: &head, at: 0, path: path)
        let pk = headCount >= 4 && head[0] == 0x50 && head[1] == 0x4B
        if pk && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)) {
            // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
            let tailSize = min(file.size, 22 + 65_535)
            var tail = [UInt8](repeating: 0, count: tailSize)
            let n = try readHead(file, into: &tail, at: file.size - tailSize, path: path)
            var i = n - 22
            while i >= 0 {
                if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 5, tail[i + 3] == 6 { return }
                i -= 1
            }
            throw .damaged(file: path, part: nil, reason: WorkbookText.cutShort())
        }
        if headCount == 8, head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { throw .legacyOrEncrypted(file: path) }
        throw .notAWorkbook(file: path, content: try sniff(file, path: path))
    }

    private static func readHead(_ file: MappedFile, into buffer: inout [UInt8], at offset: Int, path: String) throws(XLSXError) -> Int {
        do {
            return try buffer.withUnsafeMutableBytes { try file.readChunk(into: $0, at: offset) }
        } catch let error as IngestError {
            throw unreadable(path, error)
        } catch {
            throw .unreadable(file: path, reason: SystemText.other(["reason": "\(error)"]))
        }
    }

    private static func unreadable(_ path: String, _ error: IngestError) -> XLSXError {
        if case let .unreadable(_, reason) = error { return .unreadable(file: path, reason: reason) }
        return .unreadable(file: path, reason: error.message)
    }

    /// What a file that is not a ZIP archive looks like, from its first 4 KiB.
    private static func sniff(_ file: MappedFile, path: String) throws(XLSXError) -> XLSXError.Content {
        guard file.size > 0 else { return .empty }
        var head = [UInt8](repeating: 0, count: min(file.size, 4096))
        let n = try readHead(file, into: &head, at: 0, path: path)
        var bytes = head[..<n]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: Array("%PDF".utf8)) { return .pdf }
        if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "<") { return .markup }
        // Text has no control characters but tab, line feed, carriage return and form feed.
        let controls = Set<UInt8>(0..<0x20).subtracting([0x09, 0x0A, 0x0C, 0x0D])
        let isText = bytes.withUnsafeBufferPointer { b in
            !b.contains(where: controls.contains) && (ByteValidation.firstInvalidUTF8(b, allowTruncatedEnd: true) == nil
                || ByteValidation.firstInvalidGB18030(b, allowTruncatedEnd: true) == nil)
        }
        return isText ? .text : .unknownBinary
    }

    /// The key a part name is found by: no leading slash, forward slashes, lower case.
    static func partKey(_ name: String) -> String {
        var key = name.replacingOccurrences(of: "\\", with: "/").lowercased()
        while key.hasPrefix("/") { key.removeFirst() }
        return key
    }

    func contains(_ part: String) -> Bool { entries[Self.partKey(part)] != nil }

    /// What the archive holds instead of a workbook, judged by the parts other formats always have.
    func otherContent() -> XLSXError.Content {
        if contains("content.xml"), contains("mimetype") { return .openDocument }
        if contains("xl/workbook.bin") { return .binaryWorkbook }
        if contains("word/document.xml") || contains("ppt/presentation.xml") { return .otherOfficeDocument }
        return .otherZip
    }

    /// ZIPFoundation's extraction errors in words.
    private static func reason(_ error: any Error) -> Message {
        if case Archive.ArchiveError.invalidCompressionMethod = error {
            return WorkbookText.otherCompression()
        }
        // ZIPFoundation's inflate errors (Data.CompressionError) are not public: known by name.
        let name = "\(error)"
        if name == "corruptedData" || name == "invalidStream" { return WorkbookText.corruptData() }
        return WorkbookText.archiveError(["detail": name])
    }

    /// Thrown by a consumer to end an extraction early; not an error.
    private struct Stopped: Error {}

    /// Streams a part's bytes into a parser for `sink`, checking its size against `limit` and its CRC-32.
    ///
    /// Ends early, without error, when the sink stops without a failure. A part whose entry declares more than
    /// `limit` bytes is refused before it is inflated; one that inflates to more than it declares is stopped as
    /// soon as it does, one that inflates to less, or to other bytes, when it ends.
    ///
    /// ZIPFoundation 0.9.20 on Linux feeds inflate the file's bytes past the entry until the deflate stream ends,
    /// and spins forever at the end of the file if it never does (fixed upstream after 0.9.20). Such a stream is
    /// stopped here by what it inflates to (more than declared, or bytes that are not XML); one crafted to inflate
    /// the rest of the file to whitespace, within its declared size, would still hang.
    func parse(_ part: String, with sink: XMLSink, limit: Int, what: Message) throws {
        guard let entry = entries[Self.partKey(part)] else {
            throw XLSXError.damaged(file: path, part: part, reason: WorkbookText.partMissing())
        }
        let declared = entry.uncompressedSize
        guard declared <= UInt64(limit) else {
            throw XLSXError.tooLarge(file: path, part: part, what: what, limit: limit)
        }
        let parser = try XMLPushParser(sink: sink)
        var produced: UInt64 = 0
        var checksum: UInt = 0
        do {
            let consumer: Consumer = { data in
                produced += UInt64(data.count)
                guard produced <= declared else {
                    throw XLSXError.damaged(file: self.path, part: part, reason: WorkbookText.moreThanDeclared())
                }
                let parsed = data.withUnsafeBytes { bytes in
                    checksum = crc32(checksum, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), UInt32(bytes.count))
                    return parser.parse(bytes)
                }
                if !parsed { throw Stopped() }
            }
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true, consumer: consumer)
            guard produced == declared else {
                throw XLSXError.damaged(file: path, part: part, reason: WorkbookText.endsShort(["bytes": Int(declared - produced)]))
            }
            guard checksum == UInt(entry.checksum) else {
                throw XLSXError.damaged(file: path, part: part, reason: WorkbookText.checksum())
            }
            _ = parser.parse(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        } catch is Stopped {
            // The sink says why below, or it stopped on purpose.
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError.damaged(file: path, part: part, reason: Self.reason(error))
        }
        if let failure = sink.failure { throw failure }
        if let (message, line) = sink.parseError {
            throw XLSXError.damaged(file: path, part: part, reason: line > 0 ? WorkbookText.xmlLine(["line": line, "detail": message])
                : WorkbookText.parserSaid(["detail": message]))
        }
    }
}
