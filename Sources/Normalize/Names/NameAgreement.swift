import RiskModel

/// Whether a rule-file row's `region_name` agrees with its `region_code` (SPEC 10, rule file).
public enum NameAgreement: Sendable, Hashable {
    /// Every unit of the name the gazetteer can check is the code's ancestor at that level.
    /// `unchecked`: the end of the name below the deepest level the gazetteer knows for this code
    /// (`五马街道` when the gazetteer has no streets), nil when the whole name was checked.
    case agrees(unchecked: String?)
    case disagrees(NameDisagreement)
}

/// A name that does not agree with its code, with what the code's name is, for the officer to correct one of them.
public struct NameDisagreement: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A unit of the name is not the code's ancestor at that level (`3303,湖北省武汉市`).
        case differentUnit
        /// The name ends above the code's level (`330302,温州市`): it names a wider region than the code.
        case stopsAbove
        /// The name goes on below the code (`3303,浙江省温州市乐清市`): it names a smaller region than the code.
        case goesBelow
    }

    public var kind: Kind
    public var code: RegionCode
    /// The name as compared (`PlaceName.comparable`).
    public var name: String
    /// The part of the name at fault: the unit that differs, or the part below the code; empty when the name stops above.
    public var written: String
    /// What `written` is in the gazetteer, when it is a known unit.
    public var writtenUnit: NameCandidate?
    /// The code's ancestor at the level of the fault (浙江省 33 for `3303,湖北省武汉市`), when the gazetteer knows it.
    public var expected: NameCandidate?
    /// The code's full name as the gazetteer knows it (its deepest known ancestor's when the code is unknown).
    public var codeName: String

    public var message: Message {
        let what = writtenUnit.map { $0.fullName == written ? NameText.writtenCode(["code": $0.code]) : NameText.writtenUnit(["candidate": $0.message]) }
            .map(\.messageValue) ?? .none
        let why: Message
        switch kind {
        case .differentUnit:
            if let expected {
                why = NameText.differentUnit(["written": written, "what": what, "level": TermText.unitLevel(codeLength: expected.code.length),
                                              "expected": expected.message])
            } else {
                why = NameText.differentUnitUnknown(["written": written, "what": what])
            }
        case .stopsAbove:
            why = NameText.stopsAbove(["code_name": codeName])
        case .goesBelow:
            let codeOf = writtenUnit.map { NameText.writtenCode(["code": $0.code]).messageValue } ?? .none
            why = NameText.goesBelow(["written": written, "what": what, "code_of": codeOf])
        }
        return NameText.disagrees(["name": name, "code": code, "code_name": codeName, "why": why])
    }

    public var description: String { message.description }
}

extension Gazetteer {
    /// Checks a rule-file row's name against its code (SPEC 10): each unit of the name down to the code's
    /// level that the gazetteer knows must be a form of the code's ancestor at that level.
    ///
    /// The name may start below the province and skip levels, as in resolution. Below the deepest level the
    /// gazetteer knows for this code, the rest of the name is not checked (`330302001,浙江省温州市鹿城区五马街道`
    /// agrees without street data) unless it is itself a known unit that is not the code. Decided where SPEC
    /// is silent: a name that stops above a known code's level, or goes on below a known code, disagrees —
    /// either way the row would designate a region other than the one its name says.
    public func agreement(code: RegionCode, name: String) -> NameAgreement {
        let text = PlaceName.comparable(name)
        // An empty name has nothing to check: the rule file then takes the gazetteer's name (SPEC 10).
        guard !text.isEmpty else { return .agrees(unchecked: nil) }
        let s = Array(text.unicodeScalars)
        let ancestry = knownAncestry(of: code)
        let codeKnown = knows(code)
        let codeName = ancestry.compactMap { self.name(of: $0) }.joined()
        guard let deepestKnown = ancestry.last else { return .agrees(unchecked: text) }

        // The split of the name along the code's ancestry that gets furthest (then deepest).
        var best = (end: 0, matched: -1)
        func follow(_ start: Int, after index: Int) {
            if start > best.end || (start == best.end && index > best.matched) { best = (start, index) }
            guard start < s.count else { return }
            for next in (index + 1)..<ancestry.count {
                guard let unit = self.name(of: ancestry[next]) else { continue }
                for form in PlaceName.forms(of: unit) {
                    let f = Array(form.unicodeScalars)
                    if s.count - start >= f.count, s[start..<(start + f.count)].elementsEqual(f) {
                        follow(start + f.count, after: next)
                    }
                }
            }
        }
        follow(0, after: -1)

        let matched: RegionCode? = best.matched >= 0 ? ancestry[best.matched] : nil
        let tail = Array(s[best.end...])
        let tailText = String(String.UnicodeScalarView(tail))
        func disagreement(_ kind: NameDisagreement.Kind, written: String, unit: NameCandidate?, expected: NameCandidate?) -> NameAgreement {
            .disagrees(NameDisagreement(kind: kind, code: code, name: text, written: written, writtenUnit: unit,
                                        expected: expected, codeName: codeName))
        }

        if matched == deepestKnown {
            guard !tail.isEmpty else { return .agrees(unchecked: nil) }
            let below = firstUnit(of: tail, inside: deepestKnown)
            if codeKnown {
                return disagreement(.goesBelow, written: below.map { $0.text } ?? tailText,
                                    unit: below.map { candidate($0.code) }, expected: nil)
            }
            // The code is below what the gazetteer knows: the rest is unchecked, unless it names a known unit
            // that is not the code (a district file that has this county's streets, but another street).
            if let below, !below.code.contains(code) {
                return disagreement(.differentUnit, written: below.text, unit: candidate(below.code), expected: nil)
            }
            return .agrees(unchecked: tailText)
        }
        guard !tail.isEmpty else {
            return disagreement(.stopsAbove, written: "", unit: nil, expected: candidate(deepestKnown))
        }
        // The name goes on with something that is not the next known ancestor: say what it is, if anything.
        let found = firstUnit(of: tail, inside: matched)
        let nextExpected = ancestry[(best.matched + 1)...].first
        let expected = found.flatMap { unit in ancestry.first { $0.length == unit.code.length } } ?? nextExpected
        return disagreement(.differentUnit, written: found?.text ?? tailText,
                            unit: found.map { candidate($0.code) }, expected: expected.map(candidate))
    }

    /// The longest start of `s` that is a form of a unit inside `parent` (any unit when nil), preferring the
    /// shallowest such unit, then the smallest code.
    func firstUnit(of s: [Unicode.Scalar], inside parent: RegionCode?) -> (text: String, code: RegionCode)? {
        let index = formIndex
        let longest = min(index.longest, s.count)
        guard longest > 0 else { return nil }
        for length in stride(from: longest, through: 1, by: -1) {
            let inside = (index.codes[Array(s[..<length])] ?? []).filter { code in
                parent.map { $0.contains(code) && code.length > $0.length } ?? true
            }
            if let code = inside.min(by: { ($0.length, $0) < ($1.length, $1) }) {
                return (String(String.UnicodeScalarView(s[..<length])), code)
            }
        }
        return nil
    }
}
