import RiskModel

/// How region names are compared and how a unit's name may be shortened (SPEC 10).
///
/// Decided where SPEC 10 leaves room, and why:
/// - Comparison is on the SPEC 1.1 form (ASCII whitespace and U+3000 trimmed, full-width ASCII folded)
///   with whitespace *inside* the name dropped as well: announcements copied out of PDFs break names with
///   spaces, and no gazetteer name contains one.
/// - A unit may be written with or without its generic suffix, the longest one that ends its name
///   (`自治县` before `县`, `地区` before `区`). The shortened form must keep at least two characters, so
///   one-character counties (赵县, 浚县) are written in full: `赵` alone would match inside countless names.
/// - The ethnic part of a name (GB/T 3304's ethnic groups, `各族`) is part of the generic suffix:
///   `新疆维吾尔自治区` is also `新疆维吾尔`, `新疆`; `延边朝鲜族自治州` is also `延边`, `延边州`;
///   `管城回族区` is also `管城`, `管城区`. Names with `族` lose it before any suffix; names without `族`
///   (`维吾尔`, `哈萨克`, `蒙古`) only before `自治…`, so `北京` and `三水` keep their last character.
///   This is the SPEC's rule applied to the official naming pattern, not a list of places: `内蒙古` stays
///   whole because dropping `蒙古` would leave one character.
public enum PlaceName {
    /// The generic suffixes of SPEC 10, longest first, with `自治旗` (before `旗`) and `林区` (神农架林区, before `区`).
    public static let genericSuffixes: [String] = [
        "特别行政区", "自治区", "自治州", "自治县", "自治旗", "居委会",
        "地区", "街道", "社区", "林区",
        "省", "市", "盟", "州", "区", "县", "旗", "镇", "乡", "村",
    ]

    /// The 55 ethnic minorities of GB/T 3304 without `族`, and `各`, as they appear in autonomous units' names.
    static let ethnicGroups: [String] = [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
        "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
        "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
        "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
        "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
    ]

    /// Ethnic parts as they may end a name's base, longest first: `X族` always, bare `X` only before `自治…`.
    private typealias Scalars = [Unicode.Scalar]
    private static let suffixScalars: [Scalars] = genericSuffixes.map { Array($0.unicodeScalars) }
    private static let autonomousSuffix: [Bool] = genericSuffixes.map { $0.hasPrefix("自治") }
    /// Ethnic parts that may end any base (`X族`), longest first.
    private static let ethnicWithZu: [Scalars] = ethnicGroups.map { Array(($0 + "族").unicodeScalars) }.sorted { $0.count > $1.count }
    /// Ethnic parts that may end the base of an autonomous unit: with 族 or without (not bare 各), longest first.
    private static let ethnicAll: [Scalars] = (ethnicGroups.map { $0 + "族" } + ethnicGroups.filter { $0 != "各" })
        .map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    /// The name as compared: trimmed and full-width folded (SPEC 1.1, `Fields.trimmed`, `Fields.foldFullWidth`),
    /// whitespace inside it dropped.
    public static func comparable(_ text: String) -> String {
        // Most names, and every name of the shipped table, are comparable already: no copy for them.
        if !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0xE3 || $0 == 0xEF }) { return text }
        let folded = Array(text.utf8).withUnsafeBufferPointer { buffer in
            Fields.withNormalized(buffer, fold: true) { String(decoding: $0, as: UTF8.self) }
        }
        guard folded.unicodeScalars.contains(where: isSpace) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { !isSpace($0) }))
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x20 || (0x09...0x0D).contains(u.value) || u.value == 0x3000
    }

    /// The generic suffix ending `name` (longest first), when something of at least one character precedes it.
    public static func genericSuffix(of name: String) -> String? {
        genericSuffixIndex(Array(name.unicodeScalars)).map { genericSuffixes[$0] }
    }

    /// Every way the unit named `name` (comparable form) may be written, the full name first.
    ///
    /// `延边朝鲜族自治州` → `延边朝鲜族自治州`, `延边朝鲜族`, `延边`, `延边州`; `乐清市` → `乐清市`, `乐清`;
    /// `赵县` → `赵县` only.
    public static func forms(of name: String) -> [String] {
        formKeys(of: Array(name.unicodeScalars)).map { String(String.UnicodeScalarView($0)) }
    }

    /// `forms(of:)` on scalars, as the gazetteer indexes them.
    ///
    /// Scalars, not `String`s: every name of the gazetteer comes through here when it loads, and building,
    /// comparing and hashing CJK `String`s (grapheme breaking, normalization) cost most of the load.
    static func formKeys(of name: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var forms = [name]
        guard let s = genericSuffixIndex(name) else { return forms }
        let base = Array(name.dropLast(suffixScalars[s].count))
        guard base.count >= 2 else { return forms }
        forms.append(base)

        // Peel ethnic parts off the end of the base while at least two characters of the place remain.
        // Only names ending in 族 or 自治… can have one: the others skip the loop.
        let autonomous = autonomousSuffix[s]
        var place = base
        var peeled = false
        peeling: while autonomous || place.last == "族" {
            for token in autonomous ? ethnicAll : ethnicWithZu where place.count - token.count >= 2 && place.ends(with: token) {
                place.removeLast(token.count)
                peeled = true
                continue peeling
            }
            break
        }
        if peeled { forms.append(place) }
        // The place with the last character of its generic suffix: 延边州, 管城区, 长阳县, 鄂伦春旗.
        if peeled || autonomous, let last = suffixScalars[s].last {
            forms.append(place + [last])
        }
        var unique: [[Unicode.Scalar]] = []
        for form in forms where !unique.contains(form) { unique.append(form) }
        return unique
    }

    /// The index in `genericSuffixes` of the longest suffix ending `name` with something before it.
    static func genericSuffixIndex(_ name: [Unicode.Scalar]) -> Int? {
        suffixScalars.firstIndex { name.count > $0.count && name.ends(with: $0) }
    }

    /// True for GB/T 2260's placeholder levels, which name no place: `市辖区`, `县` (110100, 500200),
    /// `省直辖县级行政区划` (4190), `自治区直辖县级行政区划` (6590) and their `…单位` spelling in older tables.
    public static func isPlaceholder(_ name: String) -> Bool {
        // On bytes: every name of every source is checked when the gazetteer loads.
        let utf8 = name.utf8
        return utf8.elementsEqual("市辖区".utf8) || utf8.elementsEqual("县".utf8)
            || utf8.reversed().starts(with: "直辖县级行政区划".utf8.reversed())
            || utf8.reversed().starts(with: "直辖县级行政单位".utf8.reversed())
    }
}

/// The administrative level of a canonical code length, for messages.
enum UnitLevel {
    static func english(_ length: Int) -> String {
        switch length {
        case 2: return "province"
        case 4: return "prefecture"
        case 6: return "county"
        case 9: return "township"
        default: return "community"
        }
    }

    static func chinese(_ length: Int) -> String {
        switch length {
        case 2: return "省级"
        case 4: return "地级"
        case 6: return "县级"
        case 9: return "乡级"
        default: return "村级"
        }
    }
}

extension Array<Unicode.Scalar> {
    /// True when the array ends with `suffix`.
    fileprivate func ends(with suffix: [Unicode.Scalar]) -> Bool {
        guard count >= suffix.count else { return false }
        var i = count - suffix.count
        for u in suffix {
            if self[i] != u { return false }
            i += 1
        }
        return true
    }
}
