import Foundation
import RiskModel
import Machinery
import Testing
@testable import Ingest

@Suite struct CSVShapeTests {
    @Test func quotedCommasDoubledQuotesAndNewlinesKeepLineNumbers() throws {
        let path = try writeFile(regionsHeader
            + "420100,\"武汉市, 湖北\",high,2020-01-20,\n"
            + "110105,\"朝阳区 \"\"东部\"\"\",medium,2020-06-01,2020-06-30\n"
            + "310000,\"上海\n浦东\n新区\",low,2020-02-01,\n"
            + "330100,杭州市,low,2020-02-02,\n")
        let (_, rows) = try readAll(path: path)
        #expect(rows.map(\.line) == [2, 3, 4, 7])
        #expect(rows[0].fields[1] == "武汉市, 湖北")
        #expect(rows[1].fields[1] == "朝阳区 \"东部\"")
        // SPEC 1.1: a line break inside a quoted name becomes one space; the raw record keeps it.
        #expect(rows[2].fields[1] == "上海 浦东 新区")
        #expect(rows[2].raw == "310000,\"上海\n浦东\n新区\",low,2020-02-01,")
        #expect(rows[3].fields == ["330100", "杭州市", "low", "2020-02-02", ""])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    /// Fields of every length from 0 to 80 (short ones are copied inline, long ones by memcpy) come back exactly,
    /// and so does a field far longer than the record buffer starts with.
    @Test func fieldsOfEveryLengthComeBackExactly() throws {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)
        let names = (0...80).map { n in String(decoding: (0..<n).map { alphabet[($0 * 7 + n) % alphabet.count] }, as: UTF8.self) }
        let long = String(repeating: "长字段", count: 40_000)
        var text = regionsHeader
        for (n, name) in names.enumerated() { text += "\(n),\(name),low,2020-01-01,\(String(name.reversed()))\n" }
        text += "81,\(long),low,2020-01-01,\n"
        let (_, rows) = try readAll(path: try writeFile(text))
        #expect(rows.count == 82)
        for (n, name) in names.enumerated() {
            #expect(rows[n].fields == ["\(n)", name, "low", "2020-01-01", String(name.reversed())], "length \(n)")
        }
        #expect(rows[81].fields[1] == long)
    }

    @Test func crlfLineEndingsAreNotPartOfFieldsOrRaw() throws {
        let path = try writeFile("region_code,region_name,risk_level,from\r\n420100,武汉,high,2020-01-20\r\n\"1\r\n2\",x,low,2020-01-01\r\n330100,杭州,low,2020-02-02\r\n")
        let (reader, rows) = try readAll(path: path)
        #expect(rows.map(\.line) == [2, 3, 5])
        #expect(rows[0].fields[3] == "2020-01-20")
        #expect(rows[0].raw == "420100,武汉,high,2020-01-20")
        #expect(rows[1].fields[0] == "1\r\n2")
        #expect(reader.stats.lines == 5)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let path = try writeFile([0xEF, 0xBB, 0xBF] + Array((regionsHeader + "420100,武汉,high,2020-01-20,\n").utf8))
        let (reader, rows) = try readAll(path: path)
        #expect(reader.header.first == "region_code")
        #expect(reader.encoding == .utf8)
        #expect(rows.count == 1 && rows[0].fields[0] == "420100")
    }

    @Test func blankLinesAreIgnoredButCounted() throws {
        let path = try writeFile("\n" + regionsHeader + "\n420100,武汉,high,2020-01-20,\n   \n\r\n330100,杭州,low,2020-02-02,\n\n")
        let (reader, rows) = try readAll(path: path)
        #expect(rows.map(\.line) == [4, 7])
        #expect(reader.stats.records == 2)
        #expect(reader.stats.lines == 8)
        #expect(reader.stats.blankLines == 5)
    }

    @Test func lastRecordWithoutNewlineIsRead() throws {
        let path = try writeFile(regionsHeader + "420100,武汉,high,2020-01-20,2020-03-01")
        let (reader, rows) = try readAll(path: path)
        #expect(rows.map(\.fields.last) == ["2020-03-01"])
        #expect(reader.stats.lines == 2)
    }

    @Test(arguments: [
        ("420100,武汉,high\n", 3),
        ("420100,武汉,high,2020-01-20,,extra\n", 6),
    ])
    func wrongFieldCountIsReported(line: String, found: Int) throws {
        let path = try writeFile(regionsHeader + line + "330100,杭州,low,2020-02-02,\n")
        let (_, rows) = try readAll(path: path)
        #expect(rows[0].problem == .fieldCount(found: found, expected: 5))
        #expect(rows[0].problem?.reason == "has \(found) fields, header has 5")
        #expect(rows[0].raw == String(line.dropLast()))
        #expect(rows[1].problem == nil && rows[1].line == 3)
    }

    @Test func unclosedQuoteIsAnErrorAtTheRecordsLine() throws {
        let path = try writeFile(regionsHeader + "420100,武汉,high,2020-01-20,\n330100,\"杭州,low,2020-02-02,\n110000,北京,low,2020-02-02,\n")
        #expect(throws: IngestError.unterminatedQuote(file: path, line: 3)) { try readAll(path: path) }
    }

    /// Records that span the read-chunk boundary come out the same whatever the chunk size.
    @Test(arguments: [1, 7, 64, 1 << 20])
    func chunkBoundariesDoNotChangeRecords(chunkSize: Int) throws {
        var text = regionsHeader
        for i in 0..<200 {
            text += i % 7 == 0 ? "\(420100 + i),\"多行\r\n名称, \"\"\(i)\"\"\",high,2020-01-20,\r\n" : "\(420100 + i),名称\(i),low,2020-02-02,\n"
        }
        let path = try writeFile(text)
        let reference = try readAll(path: path, chunkSize: 1 << 20).rows
        let (_, rows) = try readAll(path: path, chunkSize: chunkSize)
        #expect(rows == reference)
        #expect(rows.count == 200)
        #expect(rows.last?.line == 2 + 199 + 29)
    }

    @Test func fileLargerThanOneMebibyteWithRecordAcrossTheBoundary() throws {
        var text = regionsHeader
        var line = 2
        var expectedLines: [Int] = []
        // ~1.5 MiB; every 10th record has a quoted newline, so one straddles the 1 MiB read boundary.
        var i = 0
        while text.utf8.count < 3 << 19 {
            expectedLines.append(line)
            if i % 10 == 0 {
                text += "\(i),\"第一行\n第二行\",high,2020-01-20,2020-01-30\n"
                line += 2
            } else {
                text += "\(i),地区名称\(i),medium,2020-01-20,2020-01-30\n"
                line += 1
            }
            i += 1
        }
        let path = try writeFile(text)
        let (reader, rows) = try readAll(path: path)
        #expect(rows.count == i)
        #expect(rows.map(\.line) == expectedLines)
        #expect(rows.allSatisfy { $0.problem == nil && $0.fields[4] == "2020-01-30" })
        #expect(reader.stats.bytes == text.utf8.count)
        #expect(reader.stats.lines == line - 1)
    }
}

@Suite struct EncodingTests {
    @Test func gb18030FileIsDetectedAndTranscoded() throws {
        let path = try writeFile(gb18030("区划代码,地区名称,风险等级,开始日期\n420100,武汉市,高风险,2020年1月20日\n"))
        let (reader, rows) = try readAll(path: path)
        #expect(reader.encoding == .gb18030)
        #expect(reader.stats.encoding == .gb18030)
        #expect(reader.header == ["区划代码", "地区名称", "风险等级", "开始日期"])
        #expect(rows.map(\.fields) == [["420100", "武汉市", "高风险", "2020年1月20日", ""]])
    }

    @Test func utf8FileIsNotMistakenForGB18030() throws {
        let path = try writeFile(regionsHeader + "420100,武汉市,高风险,2020-01-20,\n")
        let (reader, rows) = try readAll(path: path)
        #expect(reader.encoding == .utf8)
        #expect(rows[0].fields[1] == "武汉市")
    }

    /// UTF-8 is checked block by block as the file is read: a bad byte far into the file is still reported on its
    /// record alone, whatever the block size (blocks of 1 and 7 bytes cut through the three-byte characters).
    @Test(arguments: [1, 7, 64, 1 << 20])
    func invalidUTF8LateInTheFileIsReportedOnItsRecord(chunkSize: Int) throws {
        var bytes = Array(regionsHeader.utf8)
        for i in 0..<50 { bytes += Array("\(420100 + i),名称\(i),low,2020-02-02,\n".utf8) }
        bytes += Array("330100,杭".utf8) + [0xE5, 0x57] + Array(",low,2020-02-02,\n".utf8)
        for i in 0..<5 { bytes += Array("\(110100 + i),北京\(i),low,2020-02-02,\n".utf8) }
        let (_, rows) = try readAll(path: try writeFile(bytes), encoding: .utf8, chunkSize: chunkSize)
        #expect(rows.count == 56)
        #expect(rows.indices.filter { rows[$0].problem != nil } == [50])
        #expect(rows[50].problem == .encoding(column: "region_name", encoding: .utf8, byte: 4))
        #expect(rows[55].fields[1] == "北京4")
    }

    @Test func invalidUTF8RecordIsReportedNotGarbled() throws {
        let bytes = Array((regionsHeader + "420100,").utf8) + [0x57, 0xC4, 0xE3] + Array(",high,2020-01-20,\n330100,杭州,low,2020-02-02,\n".utf8)
        let path = try writeFile(bytes)
        let (_, rows) = try readAll(path: path, encoding: .utf8)
        #expect(rows[0].problem == .encoding(column: "region_name", encoding: .utf8, byte: 2))
        #expect(rows[0].problem?.column == "region_name")
        #expect(rows[0].raw == "420100,W\u{FFFD}\u{FFFD},high,2020-01-20,")
        #expect(rows[1].problem == nil && rows[1].fields[1] == "杭州")
    }

    /// The bytes of "武" split by a comma are two invalid fields, though the fields end to end are valid.
    @Test func utf8SequenceSplitAcrossFieldsIsInvalid() throws {
        let bytes = Array((regionsHeader + "420100,").utf8) + [0xE6, 0xAD, 0x2C, 0xA6] + Array("high,2020-01-20,\n".utf8)
        let (_, rows) = try readAll(path: try writeFile(bytes), encoding: .utf8)
        #expect(rows[0].problem == .encoding(column: "region_name", encoding: .utf8, byte: 1))
    }

    @Test func invalidGB18030RecordIsReported() throws {
        var bytes = gb18030("区划代码,地区名称,风险等级,开始日期\n420100,武汉,高,2020-01-20\n")
        // 0x81 0x20 is not a GB18030 sequence.
        bytes += Array("330100,".utf8) + gb18030("杭") + [0x81, 0x20] + gb18030(",低,2020-02-02\n")
        bytes += gb18030("110000,北京,低,2020-02-02\n")
        let path = try writeFile(bytes)
        let (reader, rows) = try readAll(path: path, encoding: .gb18030)
        #expect(reader.encoding == .gb18030)
        #expect(rows.count == 3)
        #expect(rows[1].problem == .encoding(column: "region_name", encoding: .gb18030, byte: 3))
        #expect(rows[1].raw.hasPrefix("330100,杭\u{FFFD}"))
        #expect(rows[2].fields[1] == "北京")
    }

    @Test func sniffIgnoresACharacterCutAtTheEndOfTheWindow() {
        let gb = gb18030(String(repeating: "武", count: 10))
        let cutGB = Array(gb.dropLast())
        cutGB.withUnsafeBufferPointer { #expect(TextEncoding.detect($0) == .gb18030) }
        let cutUTF8 = Array(Array("abc武汉".utf8).dropLast())
        cutUTF8.withUnsafeBufferPointer { #expect(TextEncoding.detect($0) == .utf8) }
    }

    @Test(arguments: [
        ([0x61, 0x62], nil),
        ([0xE6, 0xAD, 0xA6], nil),
        ([0xC0, 0xAF], 0),          // overlong "/"
        ([0x61, 0xED, 0xA0, 0x80], 1),  // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xE6, 0xAD], 9),  // truncated after the ASCII run
        // Long enough for the three-byte fast path:
        ([0xE6, 0xAD, 0xA6, 0xE6, 0xAD, 0xA6, 0x61], nil),
        ([0xE0, 0xA0, 0x80, 0x61], nil),  // smallest three-byte code point
        ([0xED, 0x9F, 0xBF, 0x61], nil),  // last before the surrogates
        ([0xE0, 0x9F, 0xBF, 0x61], 0),  // overlong
        ([0xED, 0xA0, 0x80, 0x61], 0),  // surrogate
        ([0xE6, 0xAD, 0x41, 0x61], 0),  // second continuation byte missing
        ([0x61, 0xE6, 0xAD, 0xA6, 0xFF, 0x61], 4),
    ] as [([UInt8], Int?)])
    func utf8Validator(bytes: [UInt8], firstInvalid: Int?) {
        bytes.withUnsafeBufferPointer { #expect(ByteValidation.firstInvalidUTF8($0) == firstInvalid) }
    }

    /// An error after an ASCII run is found at its own offset, wherever it falls in the eight-byte word the
    /// ASCII test reads, and a valid character there is stepped over.
    @Test(arguments: [[0xFF], [0x80], [0xE6, 0xAD, 0x41], [0xC0, 0xAF]] as [[UInt8]])
    func utf8ValidatorFindsAnErrorAfterAnyLengthOfASCII(bad: [UInt8]) {
        for length in 0..<24 {
            let ascii = [UInt8](repeating: 0x61, count: length)
            let bytes = ascii + bad + Array("尾巴 tail".utf8)
            bytes.withUnsafeBufferPointer { #expect(ByteValidation.firstInvalidUTF8($0) == length, "after \(length) ASCII bytes") }
            let valid = ascii + Array("武汉".utf8) + ascii
            valid.withUnsafeBufferPointer { #expect(ByteValidation.firstInvalidUTF8($0) == nil, "after \(length) ASCII bytes") }
        }
    }

    /// The validator agrees with the standard library on random bytes drawn mostly from the tricky ranges.
    @Test func utf8ValidatorAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 42)
        let pool: [UInt8] = [0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE6, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<rng.below(9)).map { _ in pool[rng.below(pool.count)] }
            let ours = bytes.withUnsafeBufferPointer { ByteValidation.firstInvalidUTF8($0) == nil }
            let standard = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == standard, "\(bytes.map { String($0, radix: 16) })")
        }
    }

    /// On longer text with runs of Chinese characters (stepped through in a loop of their own), the first
    /// invalid offset is where the standard library's decoder first fails.
    @Test func utf8ValidatorFindsTheFirstErrorInRunsOfChineseText() {
        var rng = SplitMix64(seed: 43)
        let pieces: [[UInt8]] = [[0xE6, 0xAD, 0xA6], [0xE6, 0xB1, 0x89], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBD],
                                 [0x61], [0x2C], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80],
                                 [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xE6, 0xAD], [0xE6, 0x41, 0xA6], [0x80], [0xFF]]
        for _ in 0..<20_000 {
            // Mostly valid three-byte characters, now and then something else, sometimes an error.
            let bytes = (0..<rng.below(30)).flatMap { _ in pieces[rng.below(4) == 0 ? rng.below(pieces.count) : rng.below(5)] }
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0, expected: Int?
            parsing: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let scalar): offset += scalar.count
                case .error: expected = offset; break parsing
                case .emptyInput: break parsing
                }
            }
            let found = bytes.withUnsafeBufferPointer { ByteValidation.firstInvalidUTF8($0) }
            #expect(found == expected, "\(bytes.map { String($0, radix: 16) })")
        }
    }
}

@Suite struct HeaderMappingTests {
    @Test func chineseAliasesAndEnglishNamesInAnyCaseAndPadding() throws {
        let path = try writeFile(" 身份证号 ,备注,  ARRIVED_ON\u{3000},停留地区划代码, Left_On\n110101199003070011,x,2020-01-20,420100,2020-01-22\n")
        let (reader, rows) = try readAll(path: path, schema: .travel)
        let schema = FeedSchema.travel
        #expect(reader.header == ["身份证号", "备注", "ARRIVED_ON", "停留地区划代码", "Left_On"])
        let row = try #require(rows.first)
        #expect(row.fields[try #require(schema.index(of: "id_no"))] == "110101199003070011")
        #expect(row.fields[try #require(schema.index(of: "region_code"))] == "420100")
        #expect(row.fields[try #require(schema.index(of: "arrived_on"))] == "2020-01-20")
        #expect(row.fields[try #require(schema.index(of: "left_on"))] == "2020-01-22")
        #expect(row.fields[try #require(schema.index(of: "record_id"))] == "")
    }

    @Test func configMappingNamesAnUnusualHeader() throws {
        let path = try writeFile("证件号,乘车日期,到站代码,区划代码\n110101199003070011,2020-01-20,420100,999999\n")
        let (_, rows) = try readAll(path: path, schema: .travel,
                                    columnMap: ["id_no": "证件号", "arrived_on": "乘车日期", "region_code": "到站代码"])
        let schema = FeedSchema.travel
        // The configured 到站代码 wins over the built-in alias 区划代码.
        #expect(rows[0].fields[try #require(schema.index(of: "region_code"))] == "420100")
        #expect(rows[0].fields[try #require(schema.index(of: "id_no"))] == "110101199003070011")
    }

    @Test func missingRequiredColumnNamesFileColumnHeadersAndFix() throws {
        let path = try writeFile("记录编号,身份证号,到达日期\n1,110101199003070011,2020-01-20\n", name: "travel_rail.csv")
        let input = FeedInput(feed: "rail", path: path)
        #expect(throws: IngestError.self) { try FeedReader(input: input, schema: .travel) }
        do {
            _ = try FeedReader(input: input, schema: .travel)
        } catch {
            #expect(error.description == "\(path):1: no column for region_code (found: 记录编号, 身份证号, 到达日期); map it in [feeds.rail.columns]")
        }
    }

    @Test func twoHeadersForOneColumnIsAnError() throws {
        let path = try writeFile("身份证号,证件号码,区划代码,到达日期\n")
        let input = FeedInput(feed: "rail", path: path)
        #expect(throws: IngestError.duplicateColumn(file: path, feed: "rail", column: "id_no", headers: ["身份证号", "证件号码"])) {
            try FeedReader(input: input, schema: .travel)
        }
    }

    @Test func configMappingOneHeaderToTwoColumnsIsAnError() throws {
        let path = try writeFile("身份证号,日期,区划代码\n")
        let input = FeedInput(feed: "rail", path: path, columnMap: ["arrived_on": "日期", "left_on": "日期"])
        #expect(throws: IngestError.ambiguousColumn(file: path, feed: "rail", header: "日期", columns: ["arrived_on", "left_on"])) {
            try FeedReader(input: input, schema: .travel)
        }
    }

    @Test func unknownConfiguredColumnIsAnError() throws {
        let path = try writeFile(regionsHeader)
        let input = FeedInput(feed: "rules", path: path, columnMap: ["level": "等级"])
        #expect(throws: IngestError.unknownMappedColumn(feed: "rules", column: "level", known: FeedSchema.regions.columns.map(\.name))) {
            try FeedReader(input: input, schema: .regions)
        }
    }

    @Test(arguments: [[UInt8](), [0xEF, 0xBB, 0xBF], Array("\n\r\n  \n".utf8)])
    func fileWithoutHeaderIsEmpty(bytes: [UInt8]) throws {
        let path = try writeFile(bytes)
        #expect(throws: IngestError.empty(file: path)) { try FeedReader(input: FeedInput(feed: "x", path: path), schema: .regions) }
    }

    @Test func missingFileIsUnreadable() {
        let input = FeedInput(feed: "x", path: "/nonexistent/dir/rail.csv")
        #expect(throws: IngestError.unreadable(file: "/nonexistent/dir/rail.csv", reason: "No such file or directory")) {
            try FeedReader(input: input, schema: .regions)
        }
    }

    @Test func headerOnlyFileHasNoRecords() throws {
        let (reader, rows) = try readAll(path: try writeFile(regionsHeader))
        #expect(rows.isEmpty)
        #expect(reader.stats.lines == 1)
    }
}

@Suite struct HashAndSplitTests {
    @Test func sha256OfKnownStrings() throws {
        #expect(SHA256Hasher.hash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hash([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let path = try writeFile("abc")
        #expect(try SHA256Hasher.hash(file: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func streamingHashCoversTheWholeFile() throws {
        let text = "\u{FEFF}" + regionsHeader + "420100,武汉,high,2020-01-20,\n"
        let path = try writeFile(text)
        let (reader, _) = try readAll(path: path, chunkSize: 5)
        #expect(reader.stats.sha256 == SHA256Hasher.hash(Array(text.utf8)))
        #expect(reader.stats.bytes == text.utf8.count)
    }

    @Test(arguments: [2, 3, 8])
    func chunkedParsingMatchesOnePass(parts: Int) throws {
        var text = regionsHeader
        for i in 0..<500 {
            text += i % 5 == 0 ? "\(i),\"名称\n\"\"第二行\"\", 含逗号\",high,2020-01-20,\n" : "\(i),名称\(i),low,2020-02-02,\n"
            if i % 50 == 0 { text += "\n" }
        }
        let path = try writeFile(text)
        let (reader, single) = try readAll(path: path, chunkSize: 4096)
        let chunks = try reader.splitPoints(parts: parts)
        #expect(chunks.count == parts)
        #expect(chunks.first?.range.lowerBound == reader.dataStart)
        #expect(chunks.last?.range.upperBound == reader.stats.bytes)
        var chunked: [Row] = []
        for chunk in chunks {
            let part = try FeedReader(input: reader.input, schema: .regions, chunkSize: 4096)
            try part.forEachRecord(in: chunk) { record in
                chunked.append(Row(line: record.line, fields: (0..<5).map { record.string($0) },
                                   problem: record.problem, raw: record.raw))
            }
        }
        #expect(chunked == single)
    }

    /// Line chunks guess boundaries at line feeds: every guess that lands inside a quoted field must show up
    /// as an unterminated quote in the chunk before it (so the caller reads the file in one pass), and
    /// chunks that all parse must give exactly the one-pass records and line numbers.
    @Test(arguments: [2, 3, 7, 16])
    func lineChunksParseLikeOnePassOrReportTheQuote(parts: Int) throws {
        for quotedEvery in [3, 1_000] {
            var text = regionsHeader
            for i in 0..<400 {
                text += i % quotedEvery == 0 ? "\(i),\"名称\n第二行\n第三行\",high,2020-01-20,\n" : "\(i),名称\(i),low,2020-02-02,\n"
                if i % 40 == 0 { text += "\n" }
            }
            let path = try writeFile(text)
            let (reader, single) = try readAll(path: path, chunkSize: 4096)
            let chunks = try #require(reader.lineChunks(parts: parts))
            #expect(chunks.first?.range.lowerBound == reader.dataStart)
            #expect(chunks.last?.range.upperBound == reader.stats.bytes)
            #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
            var chunked: [Row] = []
            var split = false
            var line = reader.dataStartLine
            for chunk in chunks {
                let part = try FeedReader(input: reader.input, schema: .regions, chunkSize: 4096)
                do {
                    let shift = line - chunk.firstLine
                    try part.forEachRecord(in: chunk) { record in
                        chunked.append(Row(line: record.line + shift, fields: (0..<5).map { record.string($0) },
                                           problem: record.problem, raw: record.raw))
                    }
                    line += part.chunkLines
                } catch IngestError.unterminatedQuote {
                    split = true
                    break
                }
            }
            if split {
                // Only files with quoted line breaks can be split inside quotes.
                #expect(quotedEvery == 3)
            } else {
                #expect(chunked == single)
            }
        }
    }
}
