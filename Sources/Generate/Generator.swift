import Emit
import Foundation
import Machinery
import Normalize
import RiskModel

/// Writes synthetic but valid-looking feeds, a rule file and a policy, deterministically from a seed.
///
/// People are a pure function of (seed, index), so a person's ID, name and phone are the same in every
/// feed without keeping ten million records in memory. IDs are unique: each index maps to its own
/// (birth date, sequence) slot through a bijection.
public enum Generator {
    /// The policy written to `policy.toml` (the SPEC 1.5 example); hit stays are placed to give measures under it.
    public static let policyText = """
        name = "示例政策 2020-02"
        lookback_days = 14
        [levels.high]
        action = "centralized_quarantine"   # 集中隔离
        days = 14
        coarse = "low"      # level used when a stay is known only at a region that contains a high-risk one
        [levels.medium]
        action = "home_quarantine"          # 居家隔离
        days = 14
        coarse = "low"
        [levels.low]
        action = "health_monitoring"        # 健康监测
        days = 7
        coarse = "none"

        """

    /// `policyText` read as a run reads it: where the stays are placed follows from its window and days.
    static func policy() throws -> Policy {
        do { return try Policy.parse(policyText, file: "policy.toml") } catch {
            throw GeneratorError.policy(error.description)
        }
    }

    /// Generates every file into `directory` (created if needed), overwriting files of the same names.
    @discardableResult
    public static func write(_ options: GeneratorOptions, to directory: URL) throws -> GeneratedFiles {
        try options.validate()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.cannotWrite(path: directory.path, reason: "\(error.localizedDescription)")
        }
        let world = World(options, policy: try policy())
        let regions = try world.writeRegions(to: directory.appendingPathComponent("regions.csv"))
        let policy = directory.appendingPathComponent("policy.toml")
        do {
            try Data(policyText.utf8).write(to: policy)
        } catch {
            throw GeneratorError.cannotWrite(path: policy.path, reason: "\(error.localizedDescription)")
        }
        let (residents, duplicates) = try world.writeResidents(to: directory.appendingPathComponent("residents.csv"))
        let travel = try world.writeTravel(to: directory)
        return GeneratedFiles(residents: residents, travel: travel.files, regions: regions, policy: policy,
                              duplicateResidentRows: duplicates, corrections: travel.corrections,
                              exposingStays: travel.exposing, visitors: world.visitors)
    }
}

/// One generated designation, with the days on which a stay inside it yields a measure still in force.
struct GeneratedDesignation {
    var padded: UInt64
    var length: Int
    var level: RiskLevel
    var from: Day
    var to: Day?
    /// Last-exposure days `e` giving a direct exposure with `e + days ≥ A`; empty when none.
    var hitDays: DayRange
    /// The same for a stay known only at a coarser region, at the policy's coarse level; empty when it has none.
    var coarseDays: DayRange
}

/// The travel feed layouts, one per source, with their own header language and date spelling.
enum TravelStyle: Int, CaseIterable {
    case rail, telecom, checkpoint
    /// The clean shape's one feed (`DataShape.clean`).
    case platform

    var name: String {
        switch self {
        case .rail: return "rail"
        case .telecom: return "telecom"
        case .checkpoint: return "checkpoint"
        case .platform: return "platform"
        }
    }

    /// The styles of the present shape's feeds, in the order their files are written.
    static let agencies: [TravelStyle] = [.rail, .telecom, .checkpoint]

    var hasRecordID: Bool { self != .telecom }
    var hasIDType: Bool { self != .telecom && self != .platform }
}

/// A stay as drawn, kept briefly so a later row can resend it as a correction.
struct DrawnStay {
    var person: Int
    var padded: UInt64
    var length: Int
    var arrived: Day
    var left: Day
    var record: UInt64
}

/// The fixed part of a generation: places, designations and the people index space.
struct World {
    let options: GeneratorOptions
    let seed: UInt64
    let asOf: Day
    let window: DayRange
    let visitors: Int
    var people: Int { options.residents + visitors }

    // Home district (富阳区): 12-digit community codes and their names.
    let communities: [UInt64]
    let communityNames: ByteTable
    let communityStreet: [Int]
    let streetNames: ByteTable
    let gridPrefixes: ByteTable
    let gridsPerCommunity: [Int]

    let hotProvinces: [UInt64]
    let coldProvinces: [UInt64]
    let designations: [GeneratedDesignation]
    let hitIndex: [Int]
    let coarseIndex: [Int]

    let surnames = ByteTable(NameTables.surnames)
    let given = ByteTable(NameTables.givenCharacters)
    let latinSurnames = ByteTable(NameTables.latinSurnames)
    let latinGiven = ByteTable(NameTables.latinGiven)

    static let homeCounty: UInt64 = 330111
    /// Birth places of people not born in the home district.
    static let otherCounties: [UInt64] = [330102, 330106, 330182, 330302, 330381, 340104, 410102, 420102, 420106,
                                          430102, 510104, 360102, 320102, 370102, 110101, 310101, 440103, 421002]
    static let birthBase = Day(year: 1940, month: 1, day: 1) ?? Day(number: -10957)
    static let birthDays: UInt64 = 27_759 // 1940-01-01 ... 2015-12-31
    static let slotMultiplier: UInt64 = 15_485_863 // prime, so coprime with birthDays * 1000

    init(_ options: GeneratorOptions, policy: Policy) {
        self.options = options
        seed = options.seed
        asOf = options.asOf
        window = DayRange(options.asOf - policy.lookbackDays, options.asOf)
        visitors = max(3, options.residents / 10)
        var rng = SplitMix64(seed: options.seed ^ 0xD15_7A1C7)

        // Districts of 2M residents get more communities; community codes stay within 3 digits.
        let communityCount = min(23 * 999, max(6, options.residents / 2500))
        let streetCount = min(NameTables.fuyangStreets.count, max(3, communityCount / 12))
        var codes: [UInt64] = [], names: [String] = [], streetOf: [Int] = [], prefixes: [String] = [], grids: [Int] = []
        let perStreet = (communityCount + streetCount - 1) / streetCount
        for c in 0..<communityCount {
            let street = c % streetCount
            let number = UInt64(c / streetCount + 1)
            let code = (World.homeCounty * 1000 + UInt64(street + 1)) * 1000 + number
            codes.append(code)
            names.append(NameTables.placeName(code: Int(code), length: 12))
            streetOf.append(street)
            let h = SplitMix64.mix(code)
            let a = UInt8(65 + h % 26), b = UInt8(65 + (h >> 8) % 26)
            prefixes.append(NameTables.fuyangStreets[street].initials + "-" + String(decoding: [a, b], as: UTF8.self) + "-")
            grids.append(1 + Int((h >> 16) % 6))
        }
        _ = perStreet
        communities = codes
        communityNames = ByteTable(names)
        communityStreet = streetOf
        streetNames = ByteTable(NameTables.fuyangStreets.map(\.name))
        gridPrefixes = ByteTable(prefixes)
        gridsPerCommunity = grids

        // Designations live in "hot" provinces only; ordinary travel goes to the others, so it never matches by accident.
        var others = NameTables.provinces.map { UInt64($0.code) }.filter { $0 != 42 && $0 != 33 }
        others.shuffle(using: &rng)
        let hotCount = min(12, max(1, options.designations / 120))
        hotProvinces = [42] + others.prefix(hotCount - 1)
        coldProvinces = [33] + others.dropFirst(hotCount - 1)

        var list: [GeneratedDesignation] = []
        list.reserveCapacity(options.designations)
        for i in 0..<options.designations {
            list.append(World.drawDesignation(index: i, hot: hotProvinces, asOf: options.asOf, window: window, policy: policy, rng: &rng))
        }
        designations = list
        hitIndex = list.indices.filter { !list[$0].hitDays.isEmpty }
        coarseIndex = list.indices.filter { !list[$0].coarseDays.isEmpty && list[$0].length > 2 }
    }

    static func drawDesignation(index: Int, hot: [UInt64], asOf: Day, window: DayRange, policy: Policy, rng: inout SplitMix64) -> GeneratedDesignation {
        var padded: UInt64, length: Int, level: RiskLevel, from: Day, to: Day?
        if index == 0 {
            // The first designation is always 2020's: 湖北省武汉市, high, still in force.
            padded = 4201_00_000_000; length = 4; level = .high; from = asOf - 45; to = nil
        } else {
            let province = hot[rng.below(hot.count)]
            let r = rng.below(100)
            length = r < 1 ? 2 : r < 8 ? 4 : r < 28 ? 6 : r < 62 ? 9 : 12
            padded = World.randomBelow(province: province, length: length, rng: &rng)
            let l = rng.below(100)
            level = l < 20 ? .high : l < 55 ? .medium : .low
            from = asOf - (1 + rng.below(60))
            let t = rng.below(100)
            if t < 55 { to = nil } else if t < 80 { to = max(from, asOf - 3 + rng.below(10)) } else { to = from + (3 + rng.below(20)) }
        }
        let inForce = DayRange(from, to ?? Day(number: Int32.max / 2))
        // Last-exposure days whose measure is still in force on the as-of date: `e + days ≥ A`.
        func exposing(_ level: RiskLevel?) -> DayRange {
            guard let level, policy.rule(level).action != .none else { return DayRange(asOf, asOf - 1) }
            return inForce.intersection(window).intersection(DayRange(asOf - policy.rule(level).days, asOf))
        }
        let direct = exposing(level)
        let coarse = exposing(policy.rule(level).coarse)
        return GeneratedDesignation(padded: padded, length: length, level: level, from: from, to: to, hitDays: direct, coarseDays: coarse)
    }

    /// A region of the given canonical length under a province, every part non-zero so the length stays canonical.
    static func randomBelow(province: UInt64, length: Int, rng: inout SplitMix64) -> UInt64 {
        var code = province * 10_000_000_000
        if length >= 4 { code += UInt64(1 + rng.below(15)) * 100_000_000 }
        if length >= 6 { code += UInt64(1 + rng.below(25)) * 1_000_000 }
        if length >= 9 { code += UInt64(1 + rng.below(20)) * 1000 }
        if length >= 12 { code += UInt64(1 + rng.below(30)) }
        return code
    }

    /// Extends a padded code of `length` with random finer parts down to `target`.
    static func extend(_ padded: UInt64, from length: Int, to target: Int, rng: inout SplitMix64) -> UInt64 {
        var code = padded
        if length < 4, target >= 4 { code += UInt64(1 + rng.below(15)) * 100_000_000 }
        if length < 6, target >= 6 { code += UInt64(1 + rng.below(25)) * 1_000_000 }
        if length < 9, target >= 9 { code += UInt64(1 + rng.below(20)) * 1000 }
        if length < 12, target >= 12 { code += UInt64(1 + rng.below(30)) }
        return code
    }

    // MARK: People

    /// Visitors with index ≡ 2 (mod 3) hold passports; the others hold resident IDs from elsewhere.
    @inline(__always)
    func isPassport(_ person: Int) -> Bool {
        person >= options.residents && (person - options.residents) % 3 == 2
    }

    @inline(__always)
    func hash(_ person: Int) -> UInt64 { SplitMix64.mix(seed &+ UInt64(person) &* 0x9E37_79B9_7F4A_7C15) }

    /// Writes a person's ID, corrupting it on purpose for `.badCheck`, `.badBirth` and `.emptyID`.
    @inline(__always)
    func putID(_ sink: CellSink, person: Int, bad: BadRow?) {
        if bad == .emptyID { return }
        if isPassport(person) {
            let j = UInt64(person - options.residents)
            let number = (j &* 48_271 &+ (seed % 100_000_000)) % 100_000_000
            sink.put(j % 2 == 0 ? UInt8(ascii: "E") : UInt8(ascii: "G"))
            if bad == .badCheck || bad == .badBirth { sink.put(UInt8(ascii: "#")) }
            sink.put(digits: number, width: 8)
            return
        }
        let h = hash(person)
        let slot = (UInt64(person) &* World.slotMultiplier &+ (seed % 1_000_000)) % (World.birthDays * 1000)
        let c = (World.birthBase + Int(slot / 1000)).components
        let area: UInt64
        if person < options.residents, h % 4 != 0 {
            area = World.homeCounty
        } else {
            area = World.otherCounties[Int((h >> 8) % UInt64(World.otherCounties.count))]
        }
        let month = bad == .badBirth ? 13 : c.month
        let birth = UInt64(c.year * 10_000 + month * 100 + c.day)
        sink.put(digits: area * 100_000_000_000 + birth * 1000 + slot % 1000, width: 17)
        var check = sink.checkCharacterOfLast17()
        if bad == .badCheck { check = check == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0") }
        sink.put(check)
    }

    @inline(__always)
    func putName(_ sink: CellSink, person: Int, variant: UInt64 = 0) {
        let h = SplitMix64.mix(hash(person) ^ 0x4E41_4D45)
        if isPassport(person) {
            sink.put(latinSurnames[Int(h % UInt64(latinSurnames.count))])
            sink.put(UInt8(ascii: " "))
            sink.put(latinGiven[Int((h >> 16) % UInt64(latinGiven.count))])
            return
        }
        // The smaller of two draws favours the common surnames at the front of the table.
        let s = min(Int(h % UInt64(surnames.count)), Int((h >> 12) % UInt64(surnames.count)))
        sink.put(surnames[s])
        sink.put(given[Int((h >> 24) % UInt64(given.count))])
        if (h >> 40) % 10 < 7 { sink.put(given[Int((h >> 44) % UInt64(given.count))]) }
    }

    /// A mobile number, or nothing for about one person in ten.
    @inline(__always)
    func putPhone(_ sink: CellSink, person: Int, variant: UInt64 = 0) {
        let h = SplitMix64.mix(hash(person) ^ 0x50484F4E ^ variant)
        if h % 10 == 0 { return }
        sink.put(UInt8(ascii: "1"))
        sink.put(UInt8(truncatingIfNeeded: 51 + (h >> 8) % 7))
        sink.put(digits: (h >> 16) % 1_000_000_000, width: 9)
    }

    @inline(__always)
    func community(of person: Int) -> Int { Int(SplitMix64.mix(hash(person) ^ 0x434F_4D4D) % UInt64(communities.count)) }

    // MARK: Rule file

    func writeRegions(to url: URL) throws -> GeneratedFiles.File {
        let sink = try World.sink(url, header: ["区划代码", "地区名称", "风险等级", "开始日期", "结束日期"])
        var rng = SplitMix64(seed: seed ^ 0x5245_4749)
        let gazetteer = try? Gazetteer.national()
        let words: [RiskLevel: [StaticString]] = [.high: ["high", "高", "高风险"], .medium: ["medium", "中", "中风险"], .low: ["low", "低", "低风险"]]
        for d in designations {
            if rng.below(10) == 0 { sink.put(digits: d.padded, width: 12) } else { sink.put(digits: d.padded / RegionCode.scale(d.length), width: d.length) }
            sink.endCell()
            sink.put(string: World.ruleName(RegionCode(padded: d.padded, length: d.length), gazetteer: gazetteer))
            sink.endCell()
            let choices = words[d.level] ?? ["low"]
            sink.put(choices[rng.below(choices.count)])
            sink.endCell()
            sink.put(day: d.from, style: .iso)
            sink.endCell()
            if let to = d.to { sink.put(day: to, style: .iso) }
            try sink.endRow()
        }
        let bytes = try sink.finish()
        return GeneratedFiles.File(url: url, rows: designations.count, badRows: 0, bytes: bytes)
    }

    /// A designation's name that agrees with its code (SPEC 10): the gazetteer's full name where it knows the code,
    /// else the full name of its deepest known unit followed by synthetic names of the levels below.
    ///
    /// A synthetic name that happens to be a real unit of that ancestor (西湖区 under 杭州市) would name another
    /// region: the next stem is taken until the row agrees.
    static func ruleName(_ code: RegionCode, gazetteer: Gazetteer?) -> String {
        guard let gazetteer else { return NameTables.fullName(code: code.padded, length: code.length) }
        if let name = gazetteer.fullName(of: code) { return name }
        let known = gazetteer.knownAncestry(of: code).last
        let prefix = known.flatMap { gazetteer.fullName(of: $0) } ?? ""
        let below = RegionCode.levels.filter { $0 > (known?.length ?? 0) && $0 <= code.length }
        for attempt in 0..<NameTables.placeStems.count {
            let tail = below.map { level in
                NameTables.placeName(code: Int(code.truncated(to: level).padded / RegionCode.scale(level)) + attempt * 7919, length: level)
            }.joined()
            if case .agrees = gazetteer.agreement(code: code, name: prefix + tail) { return prefix + tail }
        }
        return prefix
    }

    // MARK: Residence feed

    func writeResidents(to url: URL) throws -> (GeneratedFiles.File, duplicates: Int) {
        let header: [String]
        switch options.shape {
        case .present: header = ["身份证号", "证件类型", "姓名", "手机号码", "社区代码", "社区名称", "网格", "住址", "更新日期"]
        case .clean: header = ["id_no", "name", "phone", "community_code", "community_name", "grid_id", "address", "updated_at"]
        case .wide: header = ["身份证号", "证件类型", "姓名", "性别", "民族", "出生日期", "手机号码", "社区代码", "社区名称", "网格", "住址",
                              "户籍地址", "工作单位", "紧急联系人", "紧急联系电话", "备注", "更新日期"]
        }
        let sink = try World.sink(url, header: header)
        var rng = SplitMix64(seed: seed ^ 0x5245_5349)
        var rows = 0, bad = 0, duplicates = 0
        let firstUpdate = asOf - 400
        for person in 0..<options.residents {
            var kind: BadRow? = nil
            if rng.chance(options.badRowRate) {
                kind = BadRow.residentKinds[rng.below(BadRow.residentKinds.count)]
                bad += 1
            }
            let updated = firstUpdate + rng.below(390)
            try putResident(sink, person: person, updated: updated, variant: 0, bad: kind)
            rows += 1
            // A second registration of the same person: the later updated_at must win (SPEC 1.2).
            if kind == nil, rng.below(50) == 0 {
                let other = rng.below(2) == 0 ? updated - (1 + rng.below(200)) : min(asOf, updated + (1 + rng.below(30)))
                try putResident(sink, person: person, updated: other, variant: 1, bad: nil)
                rows += 1
                duplicates += 1
            }
        }
        let bytes = try sink.finish()
        return (GeneratedFiles.File(url: url, rows: rows, badRows: bad, bytes: bytes), duplicates)
    }

    @inline(__always)
    func putResident(_ sink: CellSink, person: Int, updated: Day, variant: UInt64, bad: BadRow?) throws {
        let h = hash(person)
        let wide = options.shape == .wide
        putID(sink, person: person, bad: bad)
        sink.endCell()
        if options.shape != .clean {
            if h & 0x30 == 0 { sink.put("居民身份证") }
            sink.endCell()
        }
        if bad != .emptyName { putName(sink, person: person) }
        sink.endCell()
        if wide {
            sink.put((h >> 7) & 1 == 0 ? "男" : "女"); sink.endCell()
            sink.put((h >> 9) % 20 == 0 ? "回族" : "汉族"); sink.endCell()
            sink.put(day: World.birthBase + Int((h >> 12) % World.birthDays), style: .iso); sink.endCell()
        }
        putPhone(sink, person: person, variant: variant)
        sink.endCell()
        let c = community(of: person)
        if bad == .badRegion {
            sink.put(digits: communities[c] / 100, width: 10)
        } else {
            sink.put(digits: communities[c], width: 12)
        }
        sink.endCell()
        sink.put(communityNames[c])
        sink.endCell()
        sink.put(gridPrefixes[c])
        sink.put(digits: 1 + (h >> 20) % UInt64(gridsPerCommunity[c]), width: 2)
        sink.endCell()
        // An address with a comma now and then, to exercise RFC 4180 quoting.
        let quoted = (h >> 28) % 50 == 0
        sink.put("杭州市富阳区")
        sink.put(streetNames[communityStreet[c]])
        sink.put(communityNames[c])
        sink.put(number: 1 + Int((h >> 32) % 40))
        sink.put(quoted ? "幢," : "幢")
        sink.put(number: 1 + Int((h >> 38) % 4))
        sink.put("单元")
        sink.put(number: 101 + Int((h >> 42) % 18) * 100 + Int((h >> 48) % 4))
        sink.put("室")
        if wide {
            // A census export's addresses run long: the building's name and a landmark, as people write them.
            sink.put("（")
            sink.put(communityNames[(c + 1) % communityNames.count])
            sink.put("东侧，近富春江大道与迎宾北路交叉口，原")
            sink.put(streetNames[(communityStreet[c] + 1) % streetNames.count])
            sink.put("供销社宿舍）")
            sink.endCell()
            sink.put("浙江省杭州市富阳区"); sink.put(streetNames[communityStreet[c]]); sink.put(communityNames[c]); sink.endCell()
            sink.put((h >> 17) % 3 == 0 ? "杭州富春江纺织印染有限公司" : "个体经营"); sink.endCell()
            putName(sink, person: person &+ 1); sink.endCell()
            putPhone(sink, person: person &+ 1); sink.endCell()
            if (h >> 21) % 10 == 0 { sink.put("长期在外务工，春节期间返乡") }
        }
        if bad != .fieldCount {
            sink.endCell()
            sink.put(day: updated, style: variant == 0 || options.shape == .clean ? .iso : .slashes)
        }
        try sink.endRow()
    }

    // MARK: Travel feeds

    func writeTravel(to directory: URL) throws -> (files: [GeneratedFiles.File], corrections: Int, exposing: Int) {
        var sinks: [CellSink] = []
        var styles: [TravelStyle] = []
        for k in 0..<(options.shape == .clean ? 1 : options.travelFiles) {
            let style = options.shape == .clean ? .platform : TravelStyle.agencies[k % 3]
            let suffix = k < 3 ? "" : "_\(k / 3 + 1)"
            let url = directory.appendingPathComponent(style == .platform ? "travel.csv" : "travel_\(style.name)\(suffix).csv")
            switch style {
            case .platform:
                sinks.append(try World.sink(url, header: ["record_id", "source", "id_no", "name", "region_code", "arrived_on", "left_on"]))
            case .rail:
                sinks.append(try World.sink(url, header: ["record_id", "source", "id_type", "id_no", "name", "region_code", "arrived_on", "left_on"]))
            case .telecom:
                // A BOM and CRLF line ends, as Excel exports them.
                sinks.append(try World.sink(url, header: ["身份证号", "姓名", "手机号码", "区划代码", "到达日期", "离开日期"],
                                            format: CSVWriter.Format(byteOrderMark: true, crlf: true, neutralisesFormulas: false)))
            case .checkpoint:
                sinks.append(try World.sink(url, header: ["记录编号", "来源", "证件类型", "证件号码", "姓名", "联系电话", "停留地区划代码", "抵达日期", "离开日期"]))
            }
            styles.append(style)
        }
        var rows = [Int](repeating: 0, count: sinks.count)
        var bad = rows
        var records = [UInt64](repeating: options.firstRecord - 1, count: sinks.count)
        // Recent stays per feed, for corrections that resend a record_id.
        let ringSize = 64
        var rings = [[DrawnStay]](repeating: [], count: sinks.count)
        var corrections = 0, exposing = 0
        var rng = SplitMix64(seed: (options.travelSeed ?? seed) ^ 0x5452_4156)
        let pHit = options.stays == 0 || hitIndex.isEmpty ? 0
            : min(1, options.flaggedFraction * Double(people) / Double(options.stays))
        for _ in 0..<options.stays {
            let f = rng.below(sinks.count)
            let style = styles[f]
            let sink = sinks[f]
            rows[f] += 1
            if style.hasRecordID, !rings[f].isEmpty, rng.below(100) == 0 {
                // A correction: same record_id, one more day at the end (it cannot undo an exposure).
                var stay = rings[f][rng.below(rings[f].count)]
                stay.left = stay.left + 1
                try putStay(sink, style: style, stay: stay, bad: nil, rng: &rng)
                corrections += 1
                continue
            }
            var stay: DrawnStay
            var exposes = false
            if rng.chance(pHit) {
                stay = drawHit(rng: &rng)
                exposes = true
            } else {
                stay = drawQuiet(rng: &rng)
            }
            if isPassport(stay.person), !style.hasIDType {
                stay.person -= 2 // the visitor next to a passport holder holds a resident ID
            }
            var kind: BadRow? = nil
            if rng.chance(options.badRowRate) {
                kind = BadRow.travelKinds[rng.below(BadRow.travelKinds.count)]
                bad[f] += 1
            } else if exposes {
                exposing += 1
            }
            if style.hasRecordID {
                records[f] += 1
                stay.record = records[f]
                if kind == nil {
                    if rings[f].count < ringSize { rings[f].append(stay) } else { rings[f][rng.below(ringSize)] = stay }
                }
            }
            try putStay(sink, style: style, stay: stay, bad: kind, rng: &rng)
        }
        var files: [GeneratedFiles.File] = []
        for (i, sink) in sinks.enumerated() {
            let bytes = try sink.finish()
            files.append(GeneratedFiles.File(url: sink.url, rows: rows[i], badRows: bad[i], bytes: bytes))
        }
        return (files, corrections, exposing)
    }

    /// A stay inside a designation, on days that give a measure still in force on the as-of date.
    @inline(__always)
    func drawHit(rng: inout SplitMix64) -> DrawnStay {
        let person = rng.below(people)
        if !coarseIndex.isEmpty, rng.below(30) == 0 {
            // Known only at a coarser region containing the designation: the policy's coarse level.
            let d = designations[coarseIndex[rng.below(coarseIndex.count)]]
            let levels = RegionCode.levels.filter { $0 < d.length }
            let length = levels[rng.below(levels.count)]
            let last = d.coarseDays.first + rng.below(d.coarseDays.last - d.coarseDays.first + 1)
            return DrawnStay(person: person, padded: d.padded / RegionCode.scale(length) * RegionCode.scale(length), length: length,
                             arrived: last - rng.below(3), left: last, record: 0)
        }
        let d = designations[hitIndex[rng.below(hitIndex.count)]]
        let target = d.length <= 9 && rng.below(5) == 0 ? 9 : 12
        let length = max(target, d.length)
        let last = d.hitDays.first + rng.below(d.hitDays.last - d.hitDays.first + 1)
        return DrawnStay(person: person, padded: World.extend(d.padded, from: d.length, to: length, rng: &rng), length: length,
                         arrived: last - rng.below(4), left: last, record: 0)
    }

    /// A stay that gives no measure: at home, somewhere never designated, or in a designated region before the window.
    @inline(__always)
    func drawQuiet(rng: inout SplitMix64) -> DrawnStay {
        // Most travellers are residents; one in seven is a visitor.
        let person = rng.below(7) == 0 ? options.residents + rng.below(visitors) : options.residents > 0 ? rng.below(options.residents) : rng.below(visitors)
        let r = rng.below(100)
        if r < 5 {
            let d = designations[rng.below(designations.count)]
            let last = window.first - (1 + rng.below(30))
            return DrawnStay(person: person, padded: World.extend(d.padded, from: d.length, to: 12, rng: &rng), length: 12,
                             arrived: last - rng.below(5), left: last, record: 0)
        }
        let last = asOf - rng.below(30)
        let arrived = last - rng.below(5)
        if r < 45 {
            return DrawnStay(person: person, padded: communities[rng.below(communities.count)], length: 12, arrived: arrived, left: last, record: 0)
        }
        let province = coldProvinces[rng.below(coldProvinces.count)]
        return DrawnStay(person: person, padded: World.randomBelow(province: province, length: 12, rng: &rng), length: 12,
                         arrived: arrived, left: last, record: 0)
    }

    @inline(__always)
    func putStay(_ sink: CellSink, style: TravelStyle, stay: DrawnStay, bad: BadRow?, rng: inout SplitMix64) throws {
        let passport = isPassport(stay.person)
        switch style {
        case .rail:
            sink.put("RL"); sink.put(digits: stay.record, width: 10); sink.endCell()
            sink.put("rail"); sink.endCell()
            sink.put(passport ? "passport" : "cn_id"); sink.endCell()
        case .telecom:
            break
        case .checkpoint:
            sink.put("KC"); sink.put(digits: stay.record, width: 10); sink.endCell()
            sink.put("checkpoint"); sink.endCell()
            sink.put(passport ? "护照" : "居民身份证"); sink.endCell()
        case .platform:
            sink.put("PF"); sink.put(digits: stay.record, width: 10); sink.endCell()
            sink.put("platform"); sink.endCell()
        }
        putID(sink, person: stay.person, bad: bad)
        sink.endCell()
        putName(sink, person: stay.person)
        sink.endCell()
        if style != .rail && style != .platform {
            putPhone(sink, person: stay.person)
            sink.endCell()
        }
        if bad == .badRegion {
            sink.put(digits: stay.padded / 10_000_000, width: 5)
        } else if style == .platform || style == .checkpoint && stay.length < 12 && rng.below(2) == 0 {
            sink.put(digits: stay.padded, width: 12) // padded form of a coarser code
        } else {
            sink.put(digits: stay.padded / RegionCode.scale(stay.length), width: stay.length)
        }
        sink.endCell()
        let dates: DateStyle
        switch style {
        case .rail, .platform: dates = .iso
        case .telecom: dates = .isoTime
        case .checkpoint: dates = stay.record % 2 == 0 ? .compact : .slashes
        }
        if bad == .badDate {
            putImpossibleDate(sink, year: stay.arrived.components.year, style: dates)
        } else {
            sink.put(day: stay.arrived, style: dates)
        }
        if bad != .fieldCount {
            sink.endCell()
            if bad == .leftBeforeArrived {
                sink.put(day: stay.arrived - (1 + rng.below(3)), style: dates)
            } else if !(style == .rail && stay.left == stay.arrived) {
                sink.put(day: stay.left, style: dates)
            }
        }
        try sink.endRow()
    }

    /// February 30th in the given spelling.
    func putImpossibleDate(_ sink: CellSink, year: Int, style: DateStyle) {
        sink.put(digits: UInt64(year), width: 4)
        switch style {
        case .iso, .isoTime: sink.put("-02-30")
        case .compact: sink.put("0230")
        case .slashes: sink.put("/2/30")
        case .chinese: sink.put("年2月30日")
        }
    }
}

/// The ways a row is made invalid on purpose; each must be rejected by SPEC 1.1–1.3.
enum BadRow: Sendable, Equatable {
    case badCheck, badBirth, badRegion, fieldCount, emptyID, emptyName, badDate, leftBeforeArrived

    static let residentKinds: [BadRow] = [.badCheck, .badBirth, .badRegion, .fieldCount, .emptyID, .emptyName]
    static let travelKinds: [BadRow] = [.badCheck, .badBirth, .badRegion, .fieldCount, .emptyID, .badDate, .leftBeforeArrived]
}

extension World {
    /// A generated file's cell writer: no BOM and LF line ends unless `format` says otherwise, nothing neutralised.
    static func sink(_ url: URL, header: [String],
                     format: CSVWriter.Format = CSVWriter.Format(byteOrderMark: false, crlf: false, neutralisesFormulas: false)) throws -> CellSink {
        do { return CellSink(try CSVFile(url: url, header: header, format: format)) } catch {
            throw GeneratorError.cannotWrite(path: url.path, reason: "\(error.localizedDescription)")
        }
    }
}
