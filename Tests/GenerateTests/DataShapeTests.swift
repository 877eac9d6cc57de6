import Foundation
import Generate
import RiskModel
import TestSupport
import Testing

/// The shapes the benchmark measures: the same kind of people and stays in the layouts offices meet.
@Suite struct DataShapeTests {
    static func generate(_ shape: DataShape) throws -> GeneratedFiles {
        let dir = try makeTemporaryDirectory("shape-\(shape.rawValue)")
        return try Generator.write(GeneratorOptions(residents: 2_000, stays: 8_000, designations: 80, asOf: GeneratorTests.asOf,
                                                    seed: 3, shape: shape), to: dir)
    }

    /// The clean shape is one platform feed: English headers, a record ID and source on every row, 12-digit codes,
    /// ISO dates, no phone; residents with English headers and ISO dates.
    @Test func cleanIsOnePlatformFeedWithEnglishHeadersAndISODates() throws {
        let files = try Self.generate(.clean)
        try #require(files.travel.count == 1)
        #expect(files.travel[0].url.lastPathComponent == "travel.csv")
        let (header, rows) = try GeneratorTests.records(files.travel[0].url)
        #expect(header == ["record_id", "source", "id_no", "name", "region_code", "arrived_on", "left_on"])
        #expect(rows.count == 8_000)
        let iso = /^\d{4}-\d{2}-\d{2}$/
        for row in rows {
            #expect(!row.fields[0].isEmpty && row.fields[1] == "platform", "line \(row.line)")
            #expect(row.fields[4].count == 12 && row.fields[4].allSatisfy(\.isASCII), "line \(row.line)")
            #expect(row.fields[5].wholeMatch(of: iso) != nil && row.fields[6].wholeMatch(of: iso) != nil, "line \(row.line)")
            #expect(GeneratorTests.validID(row.fields[2]), "line \(row.line): every ID a resident ID, passports having no id_type column")
        }
        let residents = try GeneratorTests.records(files.residents.url)
        #expect(residents.header == ["id_no", "name", "phone", "community_code", "community_name", "grid_id", "address", "updated_at"])
        #expect(residents.rows.allSatisfy { $0.fields[7].wholeMatch(of: iso) != nil })
    }

    /// The wide shape's residents carry a census export's extra columns and long addresses; the feeds are the
    /// present shape's.
    @Test func wideResidentsHaveExtraColumnsAndLongAddresses() throws {
        let wide = try Self.generate(.wide), present = try Self.generate(.present)
        let (header, rows) = try GeneratorTests.records(wide.residents.url)
        #expect(header.count == 17 && header.contains("户籍地址") && header.contains("工作单位"))
        let address = try #require(header.firstIndex(of: "住址"))
        let lengths = rows.map { $0.fields[address].count }
        #expect(lengths.reduce(0, +) / max(lengths.count, 1) > 50, "long addresses")
        #expect(wide.travel.map(\.url.lastPathComponent) == present.travel.map(\.url.lastPathComponent))
        #expect(wide.residents.bytes > present.residents.bytes * 2)
    }
}
