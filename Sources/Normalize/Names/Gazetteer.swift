import Foundation
import Ingest
import Machinery
import RiskModel
import Synchronization

/// Region codes with their names (SPEC 10): the national table, then a district's files, then community names.
///
/// A later source wins for the same code. GB/T 2260's placeholder levels (`市辖区`, `省直辖县级行政区划`, …)
/// and blank names are left out of every source, so an older vintage's table can be added as it is.
/// Full names are built from the known ancestors: 济源市 (419001) has no prefecture, so it is `河南省济源市`.
public struct Gazetteer: Sendable {
    /// One (code, name) pair of a source.
    public struct Entry: Sendable, Hashable {
        public var code: RegionCode
        public var name: String

        public init(code: RegionCode, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// Unit names by code, comparable (`PlaceName.comparable`).
    private(set) var unitNames: [RegionCode: String]
    /// The index resolution needs, built on the first resolution: naming a code (a run's stay regions)
    /// needs none, and building it costs more than all the rest of loading (docs/gazetteer.md).
    private var forms: FormIndexCache

    /// A gazetteer of these entries alone; a later entry for the same code wins.
    public init(_ entries: some Sequence<Entry>) {
        unitNames = [:]
        forms = FormIndexCache()
        merge(entries)
    }

    /// This gazetteer with `entries` added, a later source: they win over the names already known.
    public func adding(_ entries: some Sequence<Entry>) -> Gazetteer {
        var copy = self
        copy.merge(entries)
        return copy
    }

    /// This gazetteer with the residents' community names added (SPEC 10 source 3): 12-digit codes only,
    /// so a resident's coarse community code never renames a county.
    public func addingCommunities(_ entries: some Sequence<Entry>) -> Gazetteer {
        adding(entries.filter { $0.code.length == 12 })
    }

    private mutating func merge(_ entries: some Sequence<Entry>) {
        for entry in entries {
            let name = PlaceName.comparable(entry.name)
            guard !name.isEmpty, !PlaceName.isPlaceholder(name) else { continue }
            unitNames[entry.code] = name
        }
        // The names changed: a copy made before keeps its own index, this one builds a new one when asked.
        forms = FormIndexCache()
    }

    /// Every form a unit may be written in (`PlaceName.forms`), to the codes written so, and the longest form.
    struct FormIndex: Sendable {
        /// Keyed by scalars, not `String`: hashing a CJK `String` normalizes it first.
        var codes: [[Unicode.Scalar]: [RegionCode]] = [:]
        /// In Unicode scalars: resolution tries no longer prefix.
        var longest = 0
    }

    /// Builds the form index of `unitNames` once, whichever copy of the gazetteer asks first.
    final class FormIndexCache: Sendable {
        private let index = Mutex<FormIndex?>(nil)

        func get(_ build: () -> FormIndex) -> FormIndex {
            index.withLock { cached in
                if let cached { return cached }
                let built = build()
                cached = built
                return built
            }
        }
    }

    /// The form index, built now if no copy of this gazetteer built it yet.
    var formIndex: FormIndex {
        forms.get { [unitNames] in
            var index = FormIndex()
            index.codes.reserveCapacity(unitNames.count * 3)
            for (code, name) in unitNames {
                for key in PlaceName.formKeys(of: Array(name.unicodeScalars)) {
                    index.codes[key, default: []].append(code)
                    index.longest = max(index.longest, key.count)
                }
            }
            for key in index.codes.keys { index.codes[key]?.sort() }
            return index
        }
    }

    /// Number of units known.
    public var count: Int { unitNames.count }

    /// Every entry, ordered by code.
    public var entries: [Entry] {
        unitNames.keys.sorted().map { Entry(code: $0, name: unitNames[$0] ?? "") }
    }

    /// The unit name of `code` (`乐清市`) as compared (trimmed, full-width folded), nil when no source names it.
    public func name(of code: RegionCode) -> String? { unitNames[code] }

    /// True when a source names `code`.
    public func knows(_ code: RegionCode) -> Bool { unitNames[code] != nil }

    /// The full name of `code` (`浙江省温州市乐清市`): its known ancestors' names and its own, top down.
    ///
    /// Unknown ancestors are skipped (济源市 has no prefecture); nil when `code` itself is unknown, so a
    /// caller never prints a wider region's name for a code it cannot name (SPEC 6).
    public func fullName(of code: RegionCode) -> String? {
        guard unitNames[code] != nil else { return nil }
        return knownAncestry(of: code).compactMap { unitNames[$0] }.joined()
    }

    /// The codes of `code`'s levels that the gazetteer names, from the province down, `code` last when known.
    public func knownAncestry(of code: RegionCode) -> [RegionCode] {
        code.ancestry.filter { unitNames[$0] != nil }
    }

    /// The nearest strict ancestor of `code` that the gazetteer names.
    public func parent(of code: RegionCode) -> RegionCode? {
        code.ancestry.dropLast().last { unitNames[$0] != nil }
    }

    /// Every unit strictly inside `code` that the gazetteer names, ordered by code.
    ///
    /// A scan of every unit: it serves suggestions after a failed resolution, not the common path.
    public func descendants(of code: RegionCode) -> [RegionCode] {
        unitNames.keys.filter { $0.length > code.length && code.contains($0) }.sorted()
    }

    /// The units that may be written as `form` (comparable, see `PlaceName.forms`), ordered by code.
    public func codes(writtenAs form: String) -> [RegionCode] { formIndex.codes[Array(form.unicodeScalars)] ?? [] }
}

// MARK: - The national table

/// The shipped national table could not be read; only a broken build or installation causes this.
public enum GazetteerError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingTable
    case damagedTable(line: Int, reason: String)

    public var message: Message {
        switch self {
        case .missingTable: return NameText.gazetteerMissing()
        case let .damagedTable(line, reason): return NameText.gazetteerDamaged(["line": line, "reason": reason])
        }
    }

    public var description: String { message.description }
}

extension Gazetteer {
    /// The national table shipped with riskscreen (provinces, prefectures, counties; docs/gazetteer.md),
    /// read once per process.
    public static func national() throws(GazetteerError) -> Gazetteer {
        try nationalTable.get()
    }

    /// Where the shipped table is: `gazetteer.csv` installed with the program (`Installation`).
    static var nationalTableURL: URL? {
        Installation.locate("gazetteer.csv", bundle: "riskscreen_Normalize", installed: "gazetteer.csv")
    }

    /// Read through libcsv like every other CSV the program takes in, once per process.
    private static let nationalTable: Result<Gazetteer, GazetteerError> = {
        guard let url = nationalTableURL else { return .failure(.missingTable) }
        do throws(GazetteerFileError) {
            let entries = try GazetteerFile.read(FeedInput(feed: "gazetteer", path: url.path, encoding: .utf8))
            // message-lint: allow a detail of a broken installation, inside the catalogue's message for it
            guard !entries.isEmpty else { return .failure(.damagedTable(line: 1, reason: "no rows")) }
            return .success(Gazetteer(entries))
        } catch {
            switch error {
            case let .invalidRows(_, problems): return .failure(.damagedTable(line: problems.first?.line ?? 1, reason: problems.first?.reason ?? ""))
            case let .structure(problem): return .failure(.damagedTable(line: 1, reason: problem.description))
            }
        }
    }()
}
