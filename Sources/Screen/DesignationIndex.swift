import Machinery
import RiskModel

/// Designations indexed by region so that a stay costs a handful of lookups, not a scan of the rule file.
///
/// `direct[G]` holds designations at exactly G, probed for every ancestor of a stay's region;
/// `below[R]` holds designations strictly inside R, for stays known only at a coarser region.
/// A bitset over 6-digit counties answers "nothing here" for most stays with one memory access.
public struct DesignationIndex: Sendable {
    public let designations: [Designation]
    let direct: RegionLists
    let below: RegionLists
    /// Bit `c` is set when county `c` (the 6-digit prefix) lies inside, contains or equals a designated region.
    let counties: [UInt64]

    /// Indexes the designations whose days meet `window`; the others can never expose anyone in it.
    public init(_ all: [Designation], window: DayRange) {
        designations = all
        var counties = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)
        var direct: [RegionCode: [Int32]] = [:], below: [RegionCode: [Int32]] = [:]
        for (i, d) in all.enumerated() where !d.days.intersection(window).isEmpty {
            direct[d.region, default: []].append(Int32(i))
            for level in RegionCode.levels where level < d.region.length {
                below[d.region.truncated(to: level), default: []].append(Int32(i))
            }
            DesignationIndex.markCounties(under: d.region, in: &counties)
        }
        self.counties = counties
        self.direct = RegionLists(direct)
        self.below = RegionLists(below)
    }

    private static func markCounties(under region: RegionCode, in counties: inout [UInt64]) {
        let county = Int(region.padded / 1_000_000)
        if region.length >= 6 {
            counties[county >> 6] |= 1 << UInt64(county & 63)
            return
        }
        let span = region.length == 2 ? 10_000 : 100
        for c in county..<(county + span) { counties[c >> 6] |= 1 << UInt64(c & 63) }
    }

    /// Calls `body` with the index in `designations` of each designation that contains `region` (direct) or
    /// lies inside it (coarse): the index, not the designation, so the hot loop copies no strings.
    @inline(__always)
    public func forEachMatch(_ region: RegionCode, _ body: (_ designation: Int, _ direct: Bool) -> Void) {
        if region.length >= 6 {
            let county = Int(region.padded / 1_000_000)
            if counties[county >> 6] & (1 << UInt64(county & 63)) == 0 { return }
        }
        for level in RegionCode.levels where level <= region.length {
            direct.forEach(level == region.length ? region : region.truncated(to: level)) { body($0, true) }
        }
        below.forEach(region) { body($0, false) }
    }
}

/// Lists of designations by region code: each region's list is a span of `members`, found in a flat table.
///
/// Screening probes it up to six times for each stay in a county with a designation; a `Dictionary` hashed
/// each probe with SipHash, a large share of screening.
struct RegionLists: Sendable {
    /// Region code (`raw`) → `start << 32 | end` in `members`.
    private var spans: FlatTable<UInt64>
    private var members: [Int32] = []

    init(_ lists: [RegionCode: [Int32]]) {
        spans = FlatTable(capacity: lists.count)
        for (region, list) in lists {
            spans.insert(region.raw, UInt64(members.count) << 32 | UInt64(members.count + list.count))
            members.append(contentsOf: list)
        }
    }

    /// Calls `body` with each member listed under `region`, in the order they were listed.
    @inline(__always)
    func forEach(_ region: RegionCode, _ body: (Int) -> Void) {
        guard let span = spans.value(region.raw) else { return }
        for i in Int(span >> 32)..<Int(span & 0xFFFF_FFFF) { body(Int(members[i])) }
    }
}
