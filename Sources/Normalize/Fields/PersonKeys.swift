import RiskModel

extension Fields {
    /// Reads an `id_type` field (SPEC 1.1): blank means `cn_id`; accepts `cn_id`/居民身份证/身份证,
    /// `passport`/护照, `other`/其他, the English names in any letter case.
    public static func idType(_ field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> IDType {
        try withNormalized(field, fold: true) { (b) throws(FieldProblem) -> IDType in
            if b.isEmpty || equalsIgnoringASCIICase(b, "cn_id") || equalsIgnoringASCIICase(b, "身份证")
                || equalsIgnoringASCIICase(b, "居民身份证") { return .cnID }
            if equalsIgnoringASCIICase(b, "passport") || equalsIgnoringASCIICase(b, "护照") { return .passport }
            if equalsIgnoringASCIICase(b, "other") || equalsIgnoringASCIICase(b, "其他") { return .other }
            throw FieldProblem(RejectText.idTypeUnknown(["value": quoted(b)]))
        }
    }

    /// Reads an `id_type` field (SPEC 1.1); see the `UnsafeBufferPointer` form.
    @inlinable
    public static func idType(_ field: some Collection<UInt8>) throws(FieldProblem) -> IDType {
        try withBuffer(field) { (b) throws(FieldProblem) -> IDType in try idType(b) }
    }

    /// Builds the person key from an `id_type` field (nil when the feed has no such column) and an `id_no` field.
    ///
    /// The problem's `column` says which of the two is at fault.
    public static func personKey(
        idType typeField: UnsafeBufferPointer<UInt8>?, idNo: UnsafeBufferPointer<UInt8>
    ) throws(FieldProblem) -> PersonKey {
        let type = try typeField.map { (field) throws(FieldProblem) in try column("id_type", field, idType) } ?? .cnID
        return try column("id_no", idNo) { (field) throws(FieldProblem) in try personKey(type: type, idNo: field) }
    }

    /// Builds the person key from an `id_type` field (nil when absent) and an `id_no` field; see the `UnsafeBufferPointer` form.
    @inlinable
    public static func personKey(
        idType typeField: (some Collection<UInt8>)?, idNo: some Collection<UInt8>
    ) throws(FieldProblem) -> PersonKey {
        try withBuffer(idNo) { (no) throws(FieldProblem) -> PersonKey in
            guard let typeField else { return try personKey(idType: nil, idNo: no) }
            return try withBuffer(typeField) { (type) throws(FieldProblem) -> PersonKey in
                try personKey(idType: type, idNo: no)
            }
        }
    }

    /// Normalises an `id_no` field of a known type into a person key (SPEC 1.1).
    ///
    /// `cn_id`: 18 characters (17 digits and a GB 11643 check character, `x` read as `X`) with a
    /// real birth date, or a 15-digit legacy number, upgraded by inserting `19` before the birth
    /// date and appending the computed check character. `passport`/`other`: spaces (also U+3000)
    /// removed, letters upper-cased, then 5–20 characters of `A-Z 0-9 -`.
    public static func personKey(type: IDType, idNo: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> PersonKey {
        // Most fields are 17 digits and a check character, with nothing to trim or fold: the normalised field is the
        // field itself, so the pass that trims it and looks for full-width characters is skipped.
        if type == .cnID, let (digits, horner) = seventeenDigits(idNo), isCheckCharacter(idNo[17]) {
            return try residentID(idNo, digits: digits, horner: horner)
        }
        return try withNormalized(idNo, fold: true) { (b) throws(FieldProblem) -> PersonKey in
            type == .cnID ? try residentID(b) : try documentNumber(type, b)
        }
    }

    /// Normalises an `id_no` field of a known type into a person key; see the `UnsafeBufferPointer` form.
    @inlinable
    public static func personKey(type: IDType, idNo: some Collection<UInt8>) throws(FieldProblem) -> PersonKey {
        try withBuffer(idNo) { (b) throws(FieldProblem) -> PersonKey in try personKey(type: type, idNo: b) }
    }

    static func residentID(_ b: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> PersonKey {
        if let (digits, horner) = seventeenDigits(b) { return try residentID(b, digits: digits, horner: horner) }
        guard !b.isEmpty else { throw FieldProblem(RejectText.idEmpty()) }
        if let excel = excelDamage(b) { throw excel }
        let n = b.count
        guard n == 18 || n == 15, b.allSatisfy({ $0 < 0x80 }) else {
            let chars = characterCount(b)
            guard chars == 18 || chars == 15 else {
                throw FieldProblem(RejectText.idLength(["count": chars]))
            }
            // The right count, but some character is not ASCII (a stray full-width or CJK character).
            throw nonDigitProblem(b, length: chars)
        }
        if n == 15 { return try legacyResidentID(b) }

        var digits: UInt64 = 0
        var horner = 0  // for the check character (`PersonKey.checkCharacter(horner:)`)
        for i in 0..<17 {
            guard let d = digit(b[i]) else { throw nonDigitProblem(b, length: 18) }
            digits = digits &* 10 &+ UInt64(d)
            horner = horner &* 2 &+ d
        }
        return try residentID(b, digits: digits, horner: horner)
    }

    /// The 17 digits of an 18-character field, as a number and folded by Horner's rule in base 2 (for the
    /// check character), eight at a time within a word; nil when the field is not 18 long or not 17 digits
    /// first, for the byte-by-byte rule to word.
    @inline(__always)
    static func seventeenDigits(_ b: UnsafeBufferPointer<UInt8>) -> (digits: UInt64, horner: Int)? {
        guard b.count == 18, let p = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        let high = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let last = p[16] &- UInt8(ascii: "0")
        guard isEightDigits(high), isEightDigits(low), last < 10 else { return nil }
        let digits = UInt64(eightDigits(high, base: 10)) &* 1_000_000_000 &+ UInt64(eightDigits(low, base: 10)) &* 10 &+ UInt64(last)
        let horner = Int(eightDigits(high, base: 2)) &* 512 &+ Int(eightDigits(low, base: 2)) &* 2 &+ Int(last)
        return (digits, horner)
    }

    /// Whether `b` can end an 18-character resident ID as it stands: a digit, `X` or `x`.
    @inline(__always)
    static func isCheckCharacter(_ b: UInt8) -> Bool {
        b &- UInt8(ascii: "0") < 10 || b | 0x20 == UInt8(ascii: "x")
    }

    /// Whether all eight bytes of `word` are ASCII digits.
    @inline(__always)
    static func isEightDigits(_ word: UInt64) -> Bool {
        // The high nibble of each byte is 3, and stays 3 after adding 6 to the byte (no digit above 9).
        (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4) == 0x3333_3333_3333_3333
    }

    /// The eight digits of `word` (first digit in the lowest byte) read in `base` 10 or 2: pairs, then
    /// fours, then the two halves are combined by one multiplication each.
    @inline(__always)
    static func eightDigits(_ word: UInt64, base: UInt64) -> UInt64 {
        let square = base &* base
        var v = word & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* ((base << 8) &+ 1)) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* ((square << 16) &+ 1)) >> 16
        return ((v & 0x0000_FFFF_0000_FFFF) &* (((square &* square) << 32) &+ 1)) >> 32
    }

    /// The rest of the rule once the 17 digits are read: the check character, then the birth date.
    private static func residentID(_ b: UnsafeBufferPointer<UInt8>, digits: UInt64, horner: Int) throws(FieldProblem) -> PersonKey {
        var given = b[17]
        if given == UInt8(ascii: "x") { given = UInt8(ascii: "X") }
        guard digit(given) != nil || given == UInt8(ascii: "X") else {
            throw FieldProblem(RejectText.idCheckCharacterInvalid(["found": show(Unicode.Scalar(given))]))
        }
        let expected = PersonKey.checkCharacter(horner: horner)
        guard given == expected else {
            throw FieldProblem(RejectText.idCheckCharacter(["found": String(Character(Unicode.Scalar(given))),
                                                            "expected": String(Character(Unicode.Scalar(expected)))]))
        }
        try checkBirthDate(yyyymmdd: Int(digits / 1000 % 100_000_000))
        return PersonKey(cnDigits: digits)
    }

    /// Upgrades a 15-digit ID: area (6), YYMMDD, sequence (3) → area, 19YYMMDD, sequence, check.
    static func legacyResidentID(_ b: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> PersonKey {
        var digits: UInt64 = 0
        for i in 0..<15 {
            guard let d = digit(b[i]) else { throw nonDigitProblem(b, length: 15) }
            if i == 6 { digits = digits * 100 + 19 }
            digits = digits * 10 + UInt64(d)
        }
        try checkBirthDate(yyyymmdd: Int(digits / 1000 % 100_000_000))
        // The key keeps only the 17 digits: the check character follows from them (`PersonKey.idNo`).
        return PersonKey(cnDigits: digits)
    }

    static func checkBirthDate(yyyymmdd: Int) throws(FieldProblem) {
        guard Day(year: yyyymmdd / 10000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100) == nil else { return }
        var text = String(yyyymmdd)
        text = String(repeating: "0", count: max(0, 8 - text.count)) + text
        throw FieldProblem(RejectText.idBirthDate(["date": text]))
    }

    /// An `id_no` cell a workbook stored as a number (SPEC 11): Excel keeps 15 significant digits, so an 18-digit ID
    /// has lost its last digits (`330183196803152000`) and is refused with how to keep IDs as text; a shorter number
    /// (a 15-digit legacy ID) is exact and read as its digits.
    public static func checkWorkbookNumber(idNo field: UnsafeBufferPointer<UInt8>) throws(FieldProblem) {
        var digits = 0
        for b in field where digit(b) != nil { digits += 1 }
        guard digits > 15 else { return }
        throw FieldProblem(RejectText.idStoredAsNumber(["value": quoted(trimmed(field))]), column: "id_no")
    }

    /// An ID that Excel damaged on its way into a CSV file: a number in scientific notation (`3.30183E+17`, what Excel
    /// saves for an ID it took for a number, its digits past the 15th lost), or a leading `'` (Excel's mark for text,
    /// saved with the value by some exports).
    static func excelDamage(_ b: UnsafeBufferPointer<UInt8>) -> FieldProblem? {
        guard let first = b.first else { return nil }
        if first == UInt8(ascii: "'") { return FieldProblem(RejectText.idLeadingApostrophe()) }
        guard digit(first) != nil, b.count >= 4 else { return nil }
        var i = 1
        if b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, digit(b[i]) != nil { i += 1 }
        }
        guard i + 2 < b.count, b[i] | 0x20 == UInt8(ascii: "e"), b[i + 1] == UInt8(ascii: "+") else { return nil }
        i += 2
        while i < b.count, digit(b[i]) != nil { i += 1 }
        guard i == b.count else { return nil }
        return FieldProblem(RejectText.idScientificNotation(["value": quoted(b)]))
    }

    static func nonDigitProblem(_ b: UnsafeBufferPointer<UInt8>, length: Int) -> FieldProblem {
        let found = firstDisallowed(b) { position, scalar in
            ("0"..."9").contains(scalar) || (length == 18 && position == 18)
        }
        guard let found else { return FieldProblem(RejectText.idNotResidentID()) }
        if length == 15 {
            return FieldProblem(RejectText.idLegacyNonDigit(["position": found.position, "found": found.shown]))
        }
        if found.position == 18 {
            return FieldProblem(RejectText.idCheckCharacterInvalid(["found": found.shown]))
        }
        return FieldProblem(RejectText.idNonDigit(["position": found.position, "found": found.shown]))
    }

    static func documentNumber(_ type: IDType, _ b: UnsafeBufferPointer<UInt8>) throws(FieldProblem) -> PersonKey {
        // A message is built only for a reject: making one costs more than reading the field.
        func what() -> Message { type == .passport ? RejectPartText.passportNumber() : RejectPartText.otherIDNumber() }
        guard !b.isEmpty else { throw FieldProblem(RejectText.idEmpty()) }
        if let excel = excelDamage(b) { throw excel }
        // At most 20 characters are kept; one more tells "too long" apart.
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { (out) throws(FieldProblem) -> PersonKey in
            var count = 0
            var i = 0
            while i < b.count {
                var c = b[i]
                if c == 0x20 { i += 1; continue }
                if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { i += 3; continue }
                if (0x61...0x7A).contains(c) { c -= 0x20 }
                let allowed = (0x41...0x5A).contains(c) || digit(c) != nil || c == UInt8(ascii: "-")
                guard allowed else {
                    let found = firstDisallowed(UnsafeBufferPointer(rebasing: b[i...])) { _, _ in false }
                    throw FieldProblem(RejectText.idDocumentCharacter(["found": found?.shown.messageValue ?? .text("?"), "kind": what()]))
                }
                if count < 21 { out[count] = c; count += 1 }
                i += 1
            }
            guard (5...20).contains(count) else {
                let shown = count > 20 ? RejectPartText.moreThanTwenty() : RejectPartText.characters(["count": count])
                throw FieldProblem(RejectText.idDocumentLength(["length": shown, "kind": what()]))
            }
            guard let key = PersonKey(type: type, text: UnsafeBufferPointer(rebasing: out[0..<count])) else {
                throw FieldProblem(RejectText.idDocumentInvalid(["kind": what()]))
            }
            return key
        }
    }
}
