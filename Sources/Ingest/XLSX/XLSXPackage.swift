import RiskModel

/// One sheet of a workbook, in workbook order.
public struct XLSXSheetInfo: Sendable, Hashable {
    /// The name on the sheet's tab.
    public var name: String
    /// Hidden or very hidden in Excel (`state` attribute).
    public var isHidden: Bool
    /// False for chart and dialog sheets, which hold no cells.
    public var isWorksheet: Bool
    /// The sheet's part in the archive (`xl/worksheets/sheet1.xml`), nil when its relationship is missing.
    public var part: String?
}

/// Where a workbook's parts are, from the package relationships and `workbook.xml`.
///
/// Follows the relationships rather than assuming `xl/workbook.xml` and `sheetN.xml`: writers number and name
/// sheet parts as they like, and the order of the `<sheet>` elements, not the part names, is the tab order.
struct XLSXPackage {
    var sheets: [XLSXSheetInfo]
    var date1904: Bool
    var sharedStringsPart: String?
    var stylesPart: String?

    init(archive: XLSXArchive, limits: XLSXLimits) throws(XLSXError) {
        let path = archive.path
        let root = RelationshipsSink()
        if archive.contains("_rels/.rels") {
            try Self.parse(archive, "_rels/.rels", root, limits)
        }
        let workbookPart = root.target(ofType: "officeDocument", base: "") ?? "xl/workbook.xml"
        guard archive.contains(workbookPart) else {
            // An Office package (it has the content-types part) without its workbook is a damaged workbook.
            if archive.contains("[Content_Types].xml"), archive.otherContent() == .otherZip {
                throw .damaged(file: path, part: workbookPart, reason: WorkbookText.partMissing())
            }
            throw .notAWorkbook(file: path, content: archive.otherContent())
        }
        let workbook = WorkbookSink()
        try Self.parse(archive, workbookPart, workbook, limits)
        let slash = workbookPart.lastIndex(of: "/")
        let directory = slash.map { String(workbookPart[...$0]) } ?? ""
        let fileName = slash.map { String(workbookPart[workbookPart.index(after: $0)...]) } ?? workbookPart
        let relationships = RelationshipsSink()
        let relationshipsPart = directory + "_rels/" + fileName + ".rels"
        if archive.contains(relationshipsPart) {
            try Self.parse(archive, relationshipsPart, relationships, limits)
        }
        sheets = workbook.sheets.map { sheet in
            let target = sheet.relationship.flatMap { relationships.byID[$0] }
            let part = target.flatMap { Self.resolve($0.target, base: directory) }.flatMap { archive.contains($0) ? $0 : nil }
            let isWorksheet = target.map { $0.type.hasSuffix("/worksheet") } ?? true
            return XLSXSheetInfo(name: sheet.name, isHidden: sheet.hidden, isWorksheet: isWorksheet, part: part)
        }
        date1904 = workbook.date1904
        sharedStringsPart = relationships.target(ofType: "sharedStrings", base: directory).flatMap { archive.contains($0) ? $0 : nil }
        stylesPart = relationships.target(ofType: "styles", base: directory).flatMap { archive.contains($0) ? $0 : nil }
    }

    private static func parse(_ archive: XLSXArchive, _ part: String, _ sink: XMLSink, _ limits: XLSXLimits) throws(XLSXError) {
        do {
            try archive.parse(part, with: sink, limit: limits.maxPartBytes, what: WorkbookText.structureBytes())
        } catch let error as XLSXError {
            throw error
        } catch {
            throw .damaged(file: archive.path, part: part, reason: WorkbookText.parserSaid(["detail": "\(error)"]))
        }
    }

    /// The part name a relationship target points to: absolute (`/xl/…`) or relative to `base`, dot segments resolved.
    static func resolve(_ target: String, base: String) -> String? {
        let joined = target.hasPrefix("/") ? target : base + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if segments.popLast() == nil { return nil }
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }
}

/// Reads a `.rels` part: relationship ID → (type, target).
private final class RelationshipsSink: XMLSink {
    var byID: [String: (type: String, target: String)] = [:]
    /// In document order, for lookups by type.
    var ordered: [(type: String, target: String)] = []

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        guard XMLName.matches(name, "Relationship"),
              attributes.string("TargetMode")?.lowercased() != "external",
              let type = attributes.string("Type"), let target = attributes.string("Target") else { return }
        let relationship = (type: type, target: target)
        if let id = attributes.string("Id"), byID[id] == nil { byID[id] = relationship }
        ordered.append(relationship)
    }

    /// The part of the first relationship whose type ends in `/kind` (transitional and strict URIs differ before it).
    func target(ofType kind: String, base: String) -> String? {
        ordered.first { $0.type.hasSuffix("/" + kind) }.flatMap { XLSXPackage.resolve($0.target, base: base) }
    }
}

/// Reads `workbook.xml`: the sheets in tab order and the date system.
private final class WorkbookSink: XMLSink {
    var sheets: [(name: String, hidden: Bool, relationship: String?)] = []
    var date1904 = false

    override func start(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) {
        if XMLName.matches(name, "sheet") {
            let state = attributes.string("state") ?? "visible"
            sheets.append((attributes.string("name") ?? "", state != "visible", attributes.string("id")))
        } else if XMLName.matches(name, "workbookPr") {
            let flag = attributes.string("date1904")
            date1904 = flag == "1" || flag == "true"
        }
    }
}
