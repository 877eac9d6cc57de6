/// One canonical column of a feed with the headers accepted for it without configuration.
public struct ColumnSpec: Sendable, Hashable {
    public let name: String
    public let aliases: [String]
    public let required: Bool
    /// What a line break inside the column's quoted field means (SPEC 1.1, text fields).
    public let lineBreaks: LineBreaks

    /// SPEC 1.1: a line break inside a quoted field is kept in an address and becomes one space in a name; in any
    /// other column it is a control character like the rest, and the record is rejected.
    public enum LineBreaks: Sendable, Hashable {
        case kept
        case space
        case rejected
    }

    public init(_ name: String, aliases: [String], required: Bool, lineBreaks: LineBreaks = .rejected) {
        self.name = name
        self.aliases = aliases
        self.required = required
        self.lineBreaks = lineBreaks
    }
}

/// The columns of one kind of feed (SPEC 1.2–1.4).
public struct FeedSchema: Sendable, Hashable {
    /// `residents`, `travel` or `regions`.
    public let kind: String
    public let columns: [ColumnSpec]

    public init(kind: String, columns: [ColumnSpec]) {
        self.kind = kind
        self.columns = columns
    }

    /// Position of the canonical column `name` in `columns`.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    private static let idNo = ColumnSpec("id_no", aliases: ["身份证号", "身份证号码", "证件号码"], required: true)
    private static let idType = ColumnSpec("id_type", aliases: ["证件类型"], required: false)
    private static let name = ColumnSpec("name", aliases: ["姓名"], required: true, lineBreaks: .space)
    private static let phone = ColumnSpec("phone", aliases: ["手机号", "手机号码", "联系电话"], required: false)

    /// SPEC 1.2: the residence snapshot.
    public static let residents = FeedSchema(kind: "residents", columns: [
        idNo, idType, name, phone,
        ColumnSpec("community_code", aliases: ["社区代码", "村社代码"], required: true),
        ColumnSpec("community_name", aliases: ["社区", "村社", "社区名称"], required: true, lineBreaks: .space),
        ColumnSpec("grid_id", aliases: ["网格", "网格编号"], required: false),
        ColumnSpec("address", aliases: ["住址", "地址", "居住地址"], required: false, lineBreaks: .kept),
        ColumnSpec("updated_at", aliases: ["更新日期", "登记日期"], required: false),
    ])

    /// SPEC 1.3: travel stays; `name` is optional here because only `id_no` is required.
    public static let travel = FeedSchema(kind: "travel", columns: [
        ColumnSpec("record_id", aliases: ["记录编号", "记录号"], required: false),
        ColumnSpec("source", aliases: ["来源", "数据来源"], required: false),
        idNo, idType,
        ColumnSpec("name", aliases: ["姓名"], required: false, lineBreaks: .space),
        phone,
        ColumnSpec("region_code", aliases: ["区划代码", "地区代码", "停留地区划代码"], required: true),
        ColumnSpec("arrived_on", aliases: ["到达日期", "抵达日期"], required: true),
        ColumnSpec("left_on", aliases: ["离开日期"], required: false),
    ])

    /// The grid workers who deliver notices (issue 4): one row per grid of a community.
    public static let gridContacts = FeedSchema(kind: "grid_contacts", columns: [
        ColumnSpec("community_code", aliases: ["社区代码", "村社代码"], required: true),
        ColumnSpec("grid_id", aliases: ["网格", "网格编号"], required: true),
        ColumnSpec("name", aliases: ["姓名", "网格员"], required: true, lineBreaks: .space),
        ColumnSpec("phone", aliases: ["联系电话", "手机号", "手机号码", "电话"], required: true),
    ])

    /// SPEC 1.4: the risk-region rule file. A region is named by its code, its name or both (SPEC 10): neither
    /// column is required alone, and the rule file reader refuses a file with neither.
    public static let regions = FeedSchema(kind: "regions", columns: [
        ColumnSpec("region_code", aliases: ["区划代码", "地区代码"], required: false),
        ColumnSpec("region_name", aliases: ["地区名称", "区域名称"], required: false, lineBreaks: .space),
        ColumnSpec("risk_level", aliases: ["风险等级"], required: true),
        ColumnSpec("from", aliases: ["开始日期", "起始日期"], required: true),
        ColumnSpec("to", aliases: ["结束日期", "截止日期"], required: false),
    ])
}

/// Where each schema column sits in a particular file.
public struct ColumnMapping: Sendable, Hashable {
    /// For each schema column, its 0-based position in the file's records, or -1 when the file lacks it.
    public let fileColumn: [Int]

    /// Header text as compared: ASCII whitespace, U+3000 and a stray BOM trimmed, then lower-cased.
    public static func comparable(_ header: String) -> String {
        let trimmed = header.unicodeScalars.drop(while: isPadding).reversed().drop(while: isPadding).reversed()
        var s = String(String.UnicodeScalarView(trimmed))
        s = s.lowercased()
        return s
    }

    /// The header text as found, without the padding `comparable` ignores.
    static func trimmed(_ header: String) -> String {
        String(String.UnicodeScalarView(header.unicodeScalars.drop(while: isPadding).reversed().drop(while: isPadding).reversed()))
    }

    private static func isPadding(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Matches `header` against `schema`; `columnMap` (canonical name → header text, from the config)
    /// takes precedence over the built-in aliases.
    public static func resolve(
        header: [String], schema: FeedSchema, columnMap: [String: String], file: String, feed: String
    ) throws(IngestError) -> ColumnMapping {
        let known = schema.columns.map(\.name)
        for key in columnMap.keys.sorted() where schema.index(of: key) == nil {
            throw .unknownMappedColumn(feed: feed, column: key, known: known)
        }
        let keys = header.map(comparable)
        let display = header.map { String(String.UnicodeScalarView($0.unicodeScalars.drop(while: isPadding).reversed().drop(while: isPadding).reversed())) }
        var claimedByConfig = Set<Int>()
        var positions = [Int](repeating: -1, count: schema.columns.count)

        /// Gives schema column `i` the one header among `matches`; nil when there is none.
        func claim(_ i: Int, _ matches: [Int]) throws(IngestError) -> Int? {
            let column = schema.columns[i]
            if matches.count > 1 {
                throw .duplicateColumn(file: file, feed: feed, column: column.name, headers: matches.map { display[$0] })
            }
            guard let j = matches.first else { return nil }
            if let other = positions.firstIndex(of: j) {
                throw .ambiguousColumn(file: file, feed: feed, header: display[j], columns: [schema.columns[other].name, column.name])
            }
            positions[i] = j
            return j
        }
        // Configured headers first, so an alias cannot steal a header the officer named for another column.
        for (i, column) in schema.columns.enumerated() {
            guard let configured = columnMap[column.name] else { continue }
            if let j = try claim(i, keys.indices.filter { keys[$0] == comparable(configured) }) { claimedByConfig.insert(j) }
        }
        for (i, column) in schema.columns.enumerated() where positions[i] < 0 {
            let accepted = Set(([column.name] + column.aliases).map(comparable))
            if try claim(i, keys.indices.filter { accepted.contains(keys[$0]) && !claimedByConfig.contains($0) }) == nil, column.required {
                throw .missingColumn(file: file, feed: feed, column: column.name, found: display,
                                     configured: columnMap[column.name])
            }
        }
        return ColumnMapping(fileColumn: positions)
    }
}
