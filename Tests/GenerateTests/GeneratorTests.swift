import Foundation
import Generate
import RiskModel
import TestSupport
import Testing

@Suite struct GeneratorTests {
    static let asOf = Day(year: 2020, month: 2, day: 6) ?? Day(number: 18298)

    /// A fresh folder per generation, removed by the caller.
    static func generate(_ options: GeneratorOptions) throws -> (URL, GeneratedFiles) {
        let dir = try makeTemporaryDirectory("generator")
        return (dir, try Generator.write(options, to: dir))
    }

    /// The header and data rows of a generated CSV, each with its line, read through libcsv as the program reads
    /// its feeds (`csvRows`); the generator writes one line per record.
    static func records(_ url: URL) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        let rows = try csvRows(url)
        return (rows.first ?? [], rows.dropFirst().enumerated().map { (line: $0.offset + 2, fields: $0.element) })
    }

    /// The values of the first column named by one of `names` (the feeds' styles name columns differently) in
    /// every travel feed, in file order; a feed without such a column gives none.
    static func travelColumn(_ names: [String], of files: GeneratedFiles) throws -> [String] {
        try files.travel.flatMap { file in
            let (header, rows) = try records(file.url)
            guard let column = header.firstIndex(where: names.contains) else { return [String]() }
            return rows.map { $0.fields[column] }
        }
    }

    static func validID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 18, bytes.prefix(17).allSatisfy({ (48...57).contains($0) }) else { return false }
        guard PersonKey.checkCharacter(bytes.prefix(17)) == bytes[17] else { return false }
        let birth = Int(String(decoding: bytes[6..<14], as: UTF8.self)) ?? 0
        return Day(year: birth / 10_000, month: birth / 100 % 100, day: birth % 100) != nil
    }

    static func validPassport(_ id: String) -> Bool {
        (5...20).contains(id.utf8.count) && id.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// The dates the generator writes: `2020-01-05`, `2020-01-05 08:30:00`, `20200105`, `2020/1/5`.
    static func day(_ text: String) -> Day? {
        let date = text.split(separator: " ").first.map(String.init) ?? ""
        if date.contains("/") || date.contains("-") {
            let parts = date.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return Day(year: parts[0], month: parts[1], day: parts[2])
        }
        guard date.count == 8, let v = Int(date) else { return nil }
        return Day(year: v / 10_000, month: v / 100 % 100, day: v % 100)
    }

    /// Whether a row breaks a SPEC 1.1–1.3 rule, judged independently of the generator.
    static func isBad(_ fields: [String], header: [String]) -> Bool {
        guard fields.count == header.count else { return true }
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { name in header.firstIndex(of: name).map { fields[$0] } }.first
        }
        let type = value("id_type", "证件类型") ?? ""
        let id = value("id_no", "身份证号", "证件号码") ?? ""
        if type == "passport" || type == "护照" { if !validPassport(id) { return true } } else if !validID(id) { return true }
        if let name = value("name", "姓名"), name.isEmpty { return true }
        let region = value("region_code", "区划代码", "停留地区划代码", "社区代码") ?? ""
        if ![2, 4, 6, 9, 12].contains(region.count) || !region.allSatisfy(\.isASCII) { return true }
        if let arrivedText = value("arrived_on", "到达日期", "抵达日期") {
            guard let arrived = day(arrivedText) else { return true }
            let leftText = value("left_on", "离开日期") ?? ""
            if !leftText.isEmpty {
                guard let left = day(leftText), left >= arrived else { return true }
            }
        }
        return false
    }

    @Test func sameSeedWritesIdenticalBytes() throws {
        let options = GeneratorOptions(residents: 400, stays: 3_000, designations: 50, asOf: Self.asOf, seed: 42, badRowRate: 0.02)
        let (a, filesA) = try Self.generate(options)
        let (b, _) = try Self.generate(options)
        var other = options
        other.seed = 43
        let (c, _) = try Self.generate(other)
        defer { for dir in [a, b, c] { try? FileManager.default.removeItem(at: dir) } }
        var differs = false
        for url in filesA.urls {
            let name = url.lastPathComponent
            let bytes = try Data(contentsOf: url)
            #expect(bytes == (try Data(contentsOf: b.appendingPathComponent(name))), "\(name) differs between runs with one seed")
            if name != "policy.toml", bytes != (try Data(contentsOf: c.appendingPathComponent(name))) { differs = true }
        }
        #expect(differs, "another seed should give other data")
    }

    @Test func everyIDHasAValidCheckCharacterAndBirthDate() throws {
        let (dir, files) = try Self.generate(GeneratorOptions(residents: 1_000, stays: 5_000, designations: 40, asOf: Self.asOf, seed: 7))
        defer { try? FileManager.default.removeItem(at: dir) }
        var seen = 0, passports = 0
        for file in [files.residents] + files.travel {
            let (header, rows) = try Self.records(file.url)
            let idColumn = try #require(header.firstIndex { ["id_no", "身份证号", "证件号码"].contains($0) })
            let typeColumn = header.firstIndex { ["id_type", "证件类型"].contains($0) }
            for (line, fields) in rows {
                let type = typeColumn.map { fields[$0] } ?? ""
                let id = fields[idColumn]
                if type == "passport" || type == "护照" {
                    #expect(Self.validPassport(id), "\(file.url.lastPathComponent):\(line): passport \(id)")
                    passports += 1
                } else {
                    #expect(Self.validID(id), "\(file.url.lastPathComponent):\(line): ID \(id)")
                }
                seen += 1
            }
        }
        #expect(seen > 5_000)
        #expect(passports > 0, "some visitors should hold passports")
    }

    @Test(arguments: [(0, 0, 1), (250, 1_234, 1), (1_000, 9_999, 4)])
    func writesTheRequestedRowCounts(residents: Int, stays: Int, travelFiles: Int) throws {
        let options = GeneratorOptions(residents: residents, stays: stays, designations: 33, asOf: Self.asOf, seed: 3, travelFiles: travelFiles)
        let (dir, files) = try Self.generate(options)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(files.residents.rows == residents + files.duplicateResidentRows)
        #expect(try Self.records(files.residents.url).rows.count == files.residents.rows)
        #expect(try Self.records(files.regions.url).rows.count == 33)
        #expect(files.travel.count == travelFiles)
        var total = 0
        for file in files.travel {
            let rows = try Self.records(file.url).rows.count
            #expect(rows == file.rows, "\(file.url.lastPathComponent)")
            total += rows
        }
        #expect(total == stays)
        let distinct = Set(try Self.records(files.residents.url).rows.map { $0.fields[0] })
        #expect(distinct.count == residents, "resident IDs must be unique")
    }

    @Test func badRowsComeAtAboutTheRequestedRateAndAreAllCounted() throws {
        let (dir, files) = try Self.generate(GeneratorOptions(residents: 3_000, stays: 20_000, designations: 60,
                                                               asOf: Self.asOf, seed: 11, badRowRate: 0.05))
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in [files.residents] + files.travel {
            let (header, rows) = try Self.records(file.url)
            let bad = rows.filter { Self.isBad($0.fields, header: header) }.count
            #expect(bad == file.badRows, "\(file.url.lastPathComponent): \(bad) invalid rows, generator says \(file.badRows)")
            let rate = Double(bad) / Double(rows.count)
            #expect((0.035...0.065).contains(rate), "\(file.url.lastPathComponent): bad-row rate \(rate)")
        }
    }

    @Test func cleanFeedsHaveNoBadRowsAndAboutTheRequestedShareExposed() throws {
        let (dir, files) = try Self.generate(GeneratorOptions(residents: 5_000, stays: 30_000, designations: 100,
                                                               flaggedFraction: 0.02, asOf: Self.asOf, seed: 5))
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in [files.residents] + files.travel {
            let (header, rows) = try Self.records(file.url)
            #expect(rows.allSatisfy { !Self.isBad($0.fields, header: header) }, "\(file.url.lastPathComponent)")
        }
        let share = Double(files.exposingStays) / Double(5_000 + files.visitors)
        #expect((0.015...0.025).contains(share), "exposing share \(share)")
        #expect(files.corrections > 0)
        #expect(files.duplicateResidentRows > 0)
    }

    /// A later night's data numbered after an earlier night's adds stays instead of replacing them (SPEC 1.3).
    @Test func recordNumbersStartAtTheFirstRecordGiven() throws {
        func recordIDs(_ options: GeneratorOptions) throws -> [String] {
            let (dir, files) = try Self.generate(options)
            defer { try? FileManager.default.removeItem(at: dir) }
            return try Self.travelColumn(["record_id", "记录编号"], of: files)
        }
        let first = try recordIDs(GeneratorOptions(residents: 300, stays: 2_000, designations: 30, asOf: Self.asOf, seed: 7))
        let later = try recordIDs(GeneratorOptions(residents: 300, stays: 2_000, designations: 30, asOf: Self.asOf + 1, seed: 8,
                                                   firstRecord: 9_999_998_000))
        #expect(Set(first.map { $0.prefix(2) }) == ["RL", "KC"])
        #expect(first.min() == "KC0000000001" && later.min() == "KC9999998000", "\(first.min() ?? "-") \(later.min() ?? "-")")
        #expect(later.allSatisfy { $0.count == 12 && $0.dropFirst(2) >= "9999998000" })
        let again = Set(first).intersection(later)
        #expect(again.isEmpty, "\(again.count) record IDs of the first data again, such as \(again.sorted().prefix(3))")
    }

    /// Another night's travel of the same district: the same residents and rules, other stays of the same people.
    @Test func aTravelSeedDrawsOtherTravelOfTheSamePeople() throws {
        let options = GeneratorOptions(residents: 400, stays: 3_000, designations: 50, asOf: Self.asOf, seed: 42)
        var night = options
        night.travelSeed = 43
        let (a, filesA) = try Self.generate(options)
        let (b, filesB) = try Self.generate(night)
        defer { for dir in [a, b] { try? FileManager.default.removeItem(at: dir) } }
        for name in ["residents.csv", "regions.csv", "policy.toml"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
        }
        func ids(_ files: GeneratedFiles) throws -> [String] { try Self.travelColumn(["id_no", "身份证号", "证件号码"], of: files) }
        let (travelA, travelB) = (try ids(filesA), try ids(filesB))
        let sameStays = travelA == travelB
        #expect(!sameStays, "another travel seed should draw other stays")
        // Most travellers are residents or the world's visitors, whoever draws their stays: the two nights share most of them.
        let shared = Set(travelB).intersection(travelA).count
        #expect(Double(shared) > 0.8 * Double(Set(travelB).count), "\(shared) of \(Set(travelB).count) travellers also in the first data")
        var stranger = options
        stranger.seed = 43
        let (c, filesC) = try Self.generate(stranger)
        defer { try? FileManager.default.removeItem(at: c) }
        let strangers = Set(try ids(filesC)).intersection(travelA).count
        #expect(Double(strangers) < 0.2 * Double(Set(travelA).count), "\(strangers) travellers shared with another seed's data")
    }

    @Test(arguments: [
        GeneratorOptions(residents: -1, asOf: asOf),
        GeneratorOptions(designations: 0, asOf: asOf),
        GeneratorOptions(flaggedFraction: 1.5, asOf: asOf),
        GeneratorOptions(asOf: asOf, badRowRate: -0.1),
        GeneratorOptions(asOf: asOf, travelFiles: 0),
        GeneratorOptions(asOf: asOf, firstRecord: 0),
        GeneratorOptions(stays: 2_000, asOf: asOf, firstRecord: 9_999_998_001),
    ])
    func rejectsImpossibleOptions(options: GeneratorOptions) {
        #expect(throws: GeneratorError.self) { try options.validate() }
    }
}
