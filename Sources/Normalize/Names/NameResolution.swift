import RiskModel

/// A unit as listed in messages: its full name and code.
public struct NameCandidate: Sendable, Hashable, CustomStringConvertible {
    public var code: RegionCode
    public var fullName: String

    public init(code: RegionCode, fullName: String) {
        self.code = code
        self.fullName = fullName
    }

    /// `浙江省温州市乐清市 (330382)` (`（330382）` in Chinese).
    public var message: Message { NameText.candidate(["name": fullName, "code": code]) }

    public var description: String { message.description }
}

/// A name resolved to one unit.
public struct ResolvedName: Sendable, Hashable {
    public var code: RegionCode
    /// The gazetteer's full name of `code`, as a rule file writes it.
    public var fullName: String
    /// Set only by `resolve(_:widen: true)` when it designated the deepest resolved unit instead of failing:
    /// the `.unresolvedTail` it would have thrown, for the warning `rules import --widen` lists.
    public var widening: NameProblem?

    public init(code: RegionCode, fullName: String, widening: NameProblem? = nil) {
        self.code = code
        self.fullName = fullName
        self.widening = widening
    }

    /// The warning for a widened name; nil when nothing was widened.
    public var warning: Message? {
        guard case let .unresolvedTail(name, _, _, tail, _)? = widening else { return nil }
        return NameText.widened(["name": name, "region": NameText.candidate(["name": fullName, "code": code]), "tail": tail])
    }
}

/// Why a name did not resolve to one unit (SPEC 10); `description` says what to do about it.
public enum NameProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but whitespace.
    case empty
    /// The whole name fits several units; each is listed.
    case ambiguous(name: String, candidates: [NameCandidate])
    /// `resolved` (the start of the name) fits `candidates`, but `tail` matches nothing inside them.
    /// `suggestions`: units inside the resolved one whose names are closest to the tail.
    case unresolvedTail(name: String, resolved: String, candidates: [NameCandidate], tail: String, suggestions: [NameCandidate])
    /// Not even the start of the name is a unit; `closest` are the most similar names.
    case notFound(name: String, closest: [NameCandidate])

    public var message: Message {
        switch self {
        case .empty:
            return NameText.empty()
        case let .ambiguous(name, candidates):
            return NameText.ambiguous(["name": name, "count": candidates.count, "candidates": candidates.map(\.message),
                                       "example": candidates.first?.fullName ?? name])
        case let .unresolvedTail(name, resolved, candidates, tail, suggestions):
            if candidates.count == 1 {
                let closest = suggestions.isEmpty ? Message.Value.none : NameText.closestInside(["candidates": suggestions.map(\.message)]).messageValue
                return NameText.unresolvedTailOne(["name": name, "resolved": resolved, "candidate": candidates[0].message, "tail": tail,
                                                   "closest": closest])
            }
            return NameText.unresolvedTailMany(["name": name, "resolved": resolved, "count": candidates.count,
                                                "candidates": candidates.map(\.message), "tail": tail])
        case let .notFound(name, closest):
            let list = closest.isEmpty ? Message.Value.none : NameText.closest(["candidates": closest.map(\.message)]).messageValue
            return NameText.notFound(["name": name, "closest": list])
        }
    }

    /// The message as the reason of a rule-file row, its code saying which way the name failed.
    public var rejectReason: Message {
        switch self {
        case .empty: return RejectText.regionNameEmpty(["problem": message])
        case .ambiguous: return RejectText.regionNameAmbiguous(["problem": message])
        case .unresolvedTail: return RejectText.regionNameUnresolvedTail(["problem": message])
        case .notFound: return RejectText.regionNameNotFound(["problem": message])
        }
    }

    public var description: String { message.description }
}

extension Gazetteer {
    /// Resolves a written name to one unit (SPEC 10).
    ///
    /// The name is split from the top into units, each a form (`PlaceName.forms`) of a unit inside the one
    /// before it; levels may be skipped (`浙江乐清`) and the first unit may be at any level (`乐清`). Every
    /// complete split is found; their last units are the answers. With none, the longest start that splits
    /// is reported with the tail it leaves — never widened, unless `widen` is set and that start is one
    /// unit, which is then returned with the problem in `widening`.
    public func resolve(_ name: String, widen: Bool = false) throws(NameProblem) -> ResolvedName {
        let text = PlaceName.comparable(name)
        guard !text.isEmpty else { throw .empty }
        let scalars = Array(text.unicodeScalars)
        var search = Search()
        walk(scalars, from: 0, inside: nil, index: formIndex, into: &search)

        if !search.complete.isEmpty {
            let codes = search.complete.sorted()
            if codes.count == 1 { return ResolvedName(code: codes[0], fullName: fullName(of: codes[0]) ?? text) }
            throw .ambiguous(name: text, candidates: codes.map(candidate))
        }
        if search.deepest > 0 {
            let codes = search.deepestCodes.sorted()
            let tail = Array(scalars[search.deepest...])
            let problem = NameProblem.unresolvedTail(
                name: text, resolved: String(String.UnicodeScalarView(scalars[..<search.deepest])),
                candidates: codes.map(candidate), tail: String(String.UnicodeScalarView(tail)),
                suggestions: codes.count == 1 ? closest(to: tail, inside: codes[0], limit: 3, atLeast: 0.5) : [])
            if widen, codes.count == 1 {
                return ResolvedName(code: codes[0], fullName: fullName(of: codes[0]) ?? "", widening: problem)
            }
            throw problem
        }
        throw .notFound(name: text, closest: closest(to: scalars, inside: nil, limit: 5, atLeast: 0.2))
    }

    /// The unit `code` as listed in messages.
    public func candidate(_ code: RegionCode) -> NameCandidate {
        NameCandidate(code: code, fullName: fullName(of: code) ?? code.canonical)
    }

    /// What one resolution found: the units ending a complete split, and the longest partial one.
    struct Search {
        var complete: Set<RegionCode> = []
        var deepest = 0
        var deepestCodes: Set<RegionCode> = []
    }

    /// Tries every form starting at `start` of a unit inside `parent` (any unit when nil), then the rest.
    ///
    /// Each step goes at least one level deeper, so a split has at most five units; the forms tried at a
    /// position are bounded by the longest form.
    func walk(_ s: [Unicode.Scalar], from start: Int, inside parent: RegionCode?, index: FormIndex, into search: inout Search) {
        let longest = min(index.longest, s.count - start)
        guard longest > 0 else { return }
        for length in 1...longest {
            let end = start + length
            for code in index.codes[Array(s[start..<end])] ?? [] {
                if let parent, !(parent.contains(code) && code.length > parent.length) { continue }
                if end == s.count {
                    search.complete.insert(code)
                } else {
                    walk(s, from: end, inside: code, index: index, into: &search)
                }
                if end > search.deepest {
                    search.deepest = end
                    search.deepestCodes = [code]
                } else if end == search.deepest {
                    search.deepestCodes.insert(code)
                }
            }
        }
    }

    /// The units most like `text`: inside `parent`, by their names below it; else all, by full and unit name.
    ///
    /// Similarity is the Dice coefficient over characters, 2·(characters in common) / (total characters),
    /// a repeated character counting as often as it is repeated in both: `乐青市` and `乐清市` share 乐 and 市,
    /// 0.67. Simple and explainable, enough to point at a typing error. A failure path, but a whole national
    /// table per name: no strings are built for the candidates (about 1 ms per name in a release build).
    func closest(to text: [Unicode.Scalar], inside parent: RegionCode?, limit: Int, atLeast threshold: Double) -> [NameCandidate] {
        let text = Array(text.prefix(64))
        var scored: [(score: Double, code: RegionCode)] = []
        for (code, unit) in unitNames {
            if let parent, !(code.length > parent.length && parent.contains(code)) { continue }
            // The path: the names of the known levels below `parent` (all of them without one), down to `code`.
            var path: [String] = []
            for level in RegionCode.levels where level <= code.length && level > (parent?.length ?? 0) {
                if let name = unitNames[code.truncated(to: level)] { path.append(name) }
            }
            let score = max(Self.similarity(text, path), Self.similarity(text, [unit]))
            if score >= threshold { scored.append((score, code)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.code < $1.code }
        return scored.prefix(limit).map { candidate($0.code) }
    }

    /// Dice coefficient over characters (multisets) of `text` (at most 64) and the concatenation of `parts`, 0 … 1.
    static func similarity(_ text: [Unicode.Scalar], _ parts: [String]) -> Double {
        var used: UInt64 = 0
        var common = 0
        var total = text.count
        for part in parts {
            for u in part.unicodeScalars {
                total += 1
                for (i, t) in text.enumerated() where t == u && used & (1 << UInt64(i)) == 0 {
                    used |= 1 << UInt64(i)
                    common += 1
                    break
                }
            }
        }
        return total == text.count || text.isEmpty ? 0 : Double(2 * common) / Double(total)
    }
}
