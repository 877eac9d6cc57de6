import RiskModel

/// Designations indexed by region so that a stay costs a handful of lookups, not a scan of the rule file.
///
/// `direct[G]` holds designations at exactly G, probed for every ancestor of a stay's region;
/// `below[R]` holds designations strictly inside R, for stays known only at a coarser region.
/// A bitset over 6-digit counties answers "nothing here" for most stays with one memory access.
public struct DesignationIndex: Sendable {
    public let designations: [Designation]
    var direct: [RegionCode: [Int32]] = [:]
    var below: [RegionCode: [Int32]] = [:]
    /// Bit `c` is set when county `c` (the 6-digit prefix) lies inside, contains or equals a designated region.
    var counties: [UInt64]

    /// Indexes the designations whose days meet `window`; the others can never expose anyone in it.
    public init(_ all: [Designation], window: DayRange) {
        designations = all
        counties = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)
        for (i, d) in all.enumerated() where !d.days.intersection(window).isEmpty {
            direct[d.region, default: []].append(Int32(i))
            for level in RegionCode.levels where level < d.region.length {
                below[d.region.truncated(to: level), default: []].append(Int32(i))
            }
            markCounties(under: d.region)
        }
    }

    private mutating func markCounties(under region: RegionCode) {
        let county = Int(region.padded / 1_000_000)
        if region.length >= 6 {
            counties[county >> 6] |= 1 << UInt64(county & 63)
            return
        }
        let span = region.length == 2 ? 10_000 : 100
        for c in county..<(county + span) { counties[c >> 6] |= 1 << UInt64(c & 63) }
    }

    /// Calls `body` with each designation that contains `region` (direct) or lies inside it (coarse).
    @inline(__always)
    public func forEachMatch(_ region: RegionCode, _ body: (Designation, _ direct: Bool) -> Void) {
        if region.length >= 6 {
            let county = Int(region.padded / 1_000_000)
            if counties[county >> 6] & (1 << UInt64(county & 63)) == 0 { return }
        }
        for level in RegionCode.levels where level <= region.length {
            if let hits = direct[level == region.length ? region : region.truncated(to: level)] {
                for i in hits { body(designations[Int(i)], true) }
            }
        }
        if let hits = below[region] {
            for i in hits { body(designations[Int(i)], false) }
        }
    }
}
