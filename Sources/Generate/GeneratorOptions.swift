import Foundation
import Machinery
import RiskModel

/// How the feeds look: the same people, places and stays in the layouts offices meet.
public enum DataShape: String, Sendable, Equatable, CaseIterable {
    /// Three travel feeds as three agencies export them: Chinese or English headers, several date spellings and
    /// times, GB18030-free UTF-8 with and without BOM, padded and canonical codes, some without `record_id`.
    case present
    /// One travel feed as a province's data platform delivers it: English headers
    /// `record_id,source,id_no,name,region_code,arrived_on,left_on`, ISO dates, a record ID and source on every
    /// row, every code in 12 digits, no phone; residents with English headers and ISO dates.
    case clean
    /// The present travel feeds, and residents with the extra columns a census export carries and long addresses.
    case wide
}

/// What to generate: sizes, the share of people to flag, the as-of date, the seed and the share of bad rows.
public struct GeneratorOptions: Sendable, Equatable {
    /// Distinct residents in `residents.csv` (a few get a second, duplicate row on top).
    public var residents: Int
    /// Data rows across all travel feeds, corrections and bad rows included.
    public var stays: Int
    /// Rows of `regions.csv`.
    public var designations: Int
    /// Share of all people (residents and visitors) whose stays should produce a measure on the as-of date.
    public var flaggedFraction: Double
    public var asOf: Day
    public var seed: UInt64
    /// Seed of the travel feeds' draws alone (nil: `seed`): a later night's travel among the same people, places
    /// and designations as an earlier night's.
    public var travelSeed: UInt64?
    /// Share of data rows in each feed written deliberately invalid (never in the rule file).
    public var badRowRate: Double
    /// Number of travel feeds; styles cycle rail, telecom, checkpoint.
    public var travelFiles: Int
    /// Number of the first record in each feed with a `record_id`: a later night's feeds are given numbers after
    /// an earlier night's, or its stays would replace the earlier ones (SPEC 1.3) instead of adding to them.
    public var firstRecord: UInt64
    /// The layout of the files (the people, places and stays do not depend on it).
    public var shape: DataShape

    public init(residents: Int = 500, stays: Int = 2_000, designations: Int = 60, flaggedFraction: Double = 0.02,
                asOf: Day, seed: UInt64 = 1, badRowRate: Double = 0, travelFiles: Int = 3, firstRecord: UInt64 = 1,
                travelSeed: UInt64? = nil, shape: DataShape = .present) {
        self.shape = shape
        self.residents = residents
        self.stays = stays
        self.designations = designations
        self.flaggedFraction = flaggedFraction
        self.asOf = asOf
        self.seed = seed
        self.travelSeed = travelSeed
        self.badRowRate = badRowRate
        self.travelFiles = travelFiles
        self.firstRecord = firstRecord
    }

    /// The largest record number a ten-digit `record_id` holds.
    static let lastRecord: UInt64 = 9_999_999_999

    /// Throws for values the generator cannot honour.
    public func validate() throws {
        if residents < 0 || residents > 20_000_000 {
            throw GeneratorError.invalidOption(name: "residents", value: "\(residents)", expected: "0...20000000")
        }
        if stays < 0 { throw GeneratorError.invalidOption(name: "stays", value: "\(stays)", expected: "a count ≥ 0") }
        if designations < 1 {
            throw GeneratorError.invalidOption(name: "designations", value: "\(designations)", expected: "a count ≥ 1")
        }
        if !(0...1).contains(flaggedFraction) {
            throw GeneratorError.invalidOption(name: "flagged", value: "\(flaggedFraction)", expected: "a fraction in 0...1")
        }
        if !(0...1).contains(badRowRate) {
            throw GeneratorError.invalidOption(name: "bad-rows", value: "\(badRowRate)", expected: "a fraction in 0...1")
        }
        if !(1...99).contains(travelFiles) {
            throw GeneratorError.invalidOption(name: "travel-files", value: "\(travelFiles)", expected: "1...99")
        }
        // Record IDs have ten digits, and the last stay of a feed may be its record.
        if !(1...GeneratorOptions.lastRecord).contains(firstRecord) || stays > Int(GeneratorOptions.lastRecord - firstRecord + 1) {
            throw GeneratorError.invalidOption(name: "first-record", value: "\(firstRecord)",
                                               expected: "a number from 1 that leaves room for \(stays) ten-digit record IDs")
        }
        let year = asOf.components.year
        if !(1990...2100).contains(year) {
            throw GeneratorError.invalidOption(name: "as-of", value: asOf.description, expected: "a date between 1990 and 2100")
        }
    }
}

/// What the generator wrote, with the counts a test or benchmark checks against.
public struct GeneratedFiles: Sendable, Equatable {
    /// One written CSV file.
    public struct File: Sendable, Equatable {
        public var url: URL
        /// Data rows, bad ones included, header excluded.
        public var rows: Int
        /// Rows written deliberately invalid.
        public var badRows: Int
        public var bytes: Int
    }

    public var residents: File
    public var travel: [File]
    public var regions: File
    public var policy: URL
    /// Extra resident rows repeating a person with another `updated_at`.
    public var duplicateResidentRows: Int
    /// Travel rows resending an earlier `record_id` with changed days.
    public var corrections: Int
    /// Valid stays written to fall in a designated region inside the window (about the number of people flagged).
    public var exposingStays: Int
    /// People who appear in travel feeds without being residents.
    public var visitors: Int

    /// Every file written, for hashing or listing.
    public var urls: [URL] { [residents.url] + travel.map(\.url) + [regions.url, policy] }
}

/// Why generation failed.
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    case invalidOption(name: String, value: String, expected: String)
    case cannotWrite(path: String, reason: String)
    /// The generator's own policy text does not parse: a defect of the program, not of the options.
    case policy(String)

    public var description: String {
        switch self {
        case let .invalidOption(name, value, expected):
            return "--\(name) \(value): expected \(expected)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write (\(reason)); check that the output folder exists and is writable"
        case let .policy(reason):
            return "the generator's policy does not parse (\(reason)); this is a defect of riskscreen, please report it"
        }
    }
}
