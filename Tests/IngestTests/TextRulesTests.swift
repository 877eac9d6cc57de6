import Foundation
import Testing
@testable import Ingest

/// SPEC 1.1, text fields (second round), as the reader applies it to every record.
@Suite struct TextRulesTests {
    static let residentsHeader = "id_no,name,community_code,community_name,address\n"

    func read(_ text: String, maxFieldBytes: Int = FeedInput.defaultMaxFieldBytes) throws -> [Row] {
        let path = try writeFile(text)
        let reader = try FeedReader(input: FeedInput(feed: "test", path: path, maxFieldBytes: maxFieldBytes), schema: .residents)
        var rows: [Row] = []
        try reader.forEachRecord { record in
            rows.append(Row(line: record.line, fields: FeedSchema.residents.columns.indices.map { record.string($0) },
                            problem: record.problem, raw: record.raw))
        }
        return rows
    }

    @Test("the quick scan finds every byte that could be a control character, and no other", arguments: 0..<256)
    func quickScan(byte: Int) {
        // At every position of a 19-byte field, so both the word loop and the tail see it.
        for at in 0..<19 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
            bytes[at] = UInt8(byte)
            let expected = byte < 0x20 || byte == 0x7F || byte == 0xC2
            #expect(bytes.withUnsafeBufferPointer { TextRules.mayHaveControl($0) } == expected, "byte \(byte) at \(at)")
        }
    }

    @Test("a line break in a quoted name is one space, in an address it is kept; the fields after a shortened one are intact")
    func lineBreaks() throws {
        let rows = try read(Self.residentsHeader
            + "330106198001010011,\"张\r\n建国\",330106001001,\"西溪\n社区\",\"1幢\r\n2单元\"\n"
            + "330106198001010022,\"李\r\n\r\n四\",330106001001,西溪社区,\"\"\n")
        #expect(rows.map(\.problem) == [nil, nil])
        #expect(rows[0].fields.prefix(6) == ["330106198001010011", "", "张 建国", "", "330106001001", "西溪 社区"])
        #expect(rows[0].fields[7] == "1幢\r\n2单元")
        #expect(rows[1].fields[2] == "李  四")
        #expect(rows.map(\.line) == [2, 6], "physical lines, the breaks in quoted fields counted")
    }

    @Test("any other control character rejects the record with its own reason", arguments: [
        ("张\u{0}建\u{7}国", "name", 0x00, 2),
        ("张建国\u{1B}[31m", "name", 0x1B, 4),
        ("张\u{7F}", "name", 0x7F, 2),
        ("张\u{85}建国", "name", 0x85, 2),
        ("张\t建国", "name", 0x09, 2),
    ])
    func controlCharacters(name: String, column: String, scalar: UInt32, position: Int) throws {
        let rows = try read(Self.residentsHeader + "330106198001010011,\(name),330106001001,西溪社区,1号\n")
        #expect(rows.first?.problem == .controlCharacter(column: column, scalar: scalar, position: position))
        #expect(rows.first?.problem?.reason.contains("character \(position)") == true)
        // The rejected record shows the character as its picture, never raw (a tab is left as it is).
        #expect(rows.first.map { !$0.raw.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) } } == true,
                "\(rows.first?.raw.debugDescription ?? "")")
    }

    @Test("a line break where no line break belongs (a code, an id) is a control character")
    func lineBreakInACode() throws {
        let rows = try read(Self.residentsHeader + "\"330106198001010011\n\",张三,330106001001,西溪社区,1号\n")
        #expect(rows.first?.problem == .controlCharacter(column: "id_no", scalar: 0x0A, position: 19))
    }

    @Test("the middle dot of a transliterated name (C2 B7) is a letter, not a control")
    func latinOneIsNoControl() throws {
        let rows = try read(Self.residentsHeader + "330106198001010011,阿卜杜拉·买买提,330106001001,西溪社区,1号\n")
        #expect(rows.first?.problem == nil)
        #expect(rows.first?.fields[2] == "阿卜杜拉·买买提")
    }

    @Test("a field over the limit is a reject, a column the feed does not use is not checked")
    func fieldLength() throws {
        let long = String(repeating: "地", count: 1400)  // 4200 bytes
        let rows = try read("id_no,name,community_code,community_name,address,note\n"
            + "330106198001010011,张三,330106001001,西溪社区,\(long),x\n"
            + "330106198001010022,李四,330106001001,西溪社区,1号,\(long)\n")
        #expect(rows[0].problem == .fieldTooLong(column: "address", bytes: 4200, limit: 4096))
        #expect(rows[1].problem == nil)
        let raised = try read(Self.residentsHeader + "330106198001010011,张三,330106001001,西溪社区,\(long)\n", maxFieldBytes: 8192)
        #expect(raised.first?.problem == nil)
    }

    /// Issue 27, case 7: one 5 MB field in a file with no quote at all stopped the night.
    @Test("a record running past the length held, outside quotes, is rejected and the file goes on", arguments: [1 << 20, 4096])
    func oversizedRecordOutsideQuotes(chunkSize: Int) throws {
        let huge = String(repeating: "长", count: 2_000_000)  // 6 MB
        let long = "330106198001010022,\(huge),330106001001,西溪社区,2号\n"
        let path = try writeFile(Self.residentsHeader
            + "330106198001010011,张三,330106001001,西溪社区,1号\n"
            + long
            + "330106198001010033,王五,330106001001,西溪社区,3号\n")
        let reader = try FeedReader(input: FeedInput(feed: "test", path: path), schema: .residents, chunkSize: chunkSize)
        var rows: [Row] = []
        try reader.forEachRecord { record in
            rows.append(Row(line: record.line, fields: FeedSchema.residents.columns.indices.map { record.string($0) },
                            problem: record.problem, raw: record.raw))
        }
        #expect(rows.map(\.line) == [2, 3, 4])
        #expect(rows[0].problem == nil && rows[2].problem == nil)
        #expect(rows[2].fields[2] == "王五")
        guard case let .recordTooLong(column, lineBytes, _, _)? = rows[1].problem else {
            Issue.record("\(rows[1])")
            return
        }
        #expect(column == "name")
        #expect(lineBytes == long.utf8.count)
        #expect(rows[1].raw.hasPrefix("330106198001010022,长长") && rows[1].raw.hasSuffix("…") && rows[1].raw.count < 1100)
        #expect(reader.stats.records == 3 && reader.stats.lines == 4)
    }

    @Test("a long quoted field that is closed is a reject; a quote never closed stops the file, told apart")
    func longQuotedFields() throws {
        let long = String(repeating: "长", count: 700_000)  // 2.1 MB, quoted
        let rows = try read(Self.residentsHeader
            + "330106198001010011,张三,330106001001,西溪社区,\"\(long)\"\n"
            + "330106198001010022,李四,330106001001,西溪社区,2号\n")
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows[0].problem == .fieldTooLong(column: "address", bytes: 2_100_000, limit: 4096))
        #expect(rows[1].problem == nil)

        // An unclosed quote with 70 MB after it: stopped once the quote has been open 64 MiB.
        let open = String(repeating: "x,y\n", count: 18 << 20)
        let path = try writeFile(Self.residentsHeader + "330106198001010011,\"张三,330106001001,西溪社区,1号\n" + open)
        let error = #expect(throws: IngestError.self) { _ = try readAll(path: path, schema: .residents) }
        #expect(error == .quoteOpenTooLong(file: path, line: 2, limit: 64 << 20))
        #expect(error?.description.contains("never closed") == true)
    }

    /// Issue 27, case 2: a file whose lines end in a lone CR became one header line, every row lost.
    @Test("a file with CR-only line ends is read line by line, with line numbers", arguments: [1 << 20, 5])
    func crOnlyLineEnds(chunkSize: Int) throws {
        let text = Self.residentsHeader
            + "330106198001010011,张三,330106001001,西溪社区,\"1幢\r2单元\"\r"
            + "\r"
            + "330106198001010022,李四,330106001001\r"
            + "330106198001010033,王五,330106001001,西溪社区,3号"
        let path = try writeFile(text.replacingOccurrences(of: "\n", with: "\r"))
        let (reader, rows) = try readAll(path: path, schema: .residents, chunkSize: chunkSize)
        #expect(reader.lineEnd == 0x0D)
        #expect(rows.map(\.line) == [2, 5, 6])
        #expect(rows[0].problem == nil && rows[0].fields[7] == "1幢\r2单元")
        #expect(rows[1].problem == .fieldCount(found: 3, expected: 5))
        #expect(rows[2].fields[2] == "王五")
        #expect(reader.stats.records == 3 && reader.stats.lines == 6 && reader.stats.blankLines == 1)
    }

    @Test("a large CR-only file is cut into chunks at its CRs, as one pass reads it")
    func crOnlyChunks() throws {
        var text = Self.residentsHeader
        for i in 0..<50_000 { text += "3301061980010100\(i % 10)\(i % 10),居民\(i),330106001001,西溪社区,住址\(i)号,填充填充填充填充填充填充填充填充\n" }
        let path = try writeFile(text.replacingOccurrences(of: "\n", with: "\r"))
        let reader = try FeedReader(input: FeedInput(feed: "test", path: path), schema: .residents)
        let chunks = try #require(reader.lineChunks(parts: 4))
        #expect(chunks.count == 4)
        #expect(try reader.splitPoints(parts: 4).count == 4)
        // As `ChunkedFeed` does: a chunk after the first numbers its lines from 1, shifted by the lines before it.
        var lines: [Int] = []
        var line = chunks[0].firstLine
        for chunk in chunks {
            let shift = line - chunk.firstLine
            try reader.forEachRecord(in: chunk) { lines.append($0.line + shift) }
            line += reader.chunkLines
        }
        #expect(lines == Array(2...50_001))
    }

    @Test("a UTF-16 file is refused by name, with or without its byte-order mark", arguments: [true, false])
    func utf16(bom: Bool) throws {
        let text = Self.residentsHeader + "330106198001010011,张三,330106001001,西溪社区,1号\n"
        let data = (bom ? Data([0xFE, 0xFF]) : Data()) + (bom ? text.data(using: .utf16BigEndian)! : text.data(using: .utf16LittleEndian)!)
        let path = try writeFile([UInt8](data))
        #expect(throws: IngestError.utf16(file: path)) { _ = try readAll(path: path, schema: .residents) }
        #expect(IngestError.utf16(file: path).description.contains("UTF-16"))
    }
}
