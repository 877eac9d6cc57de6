/// Why a feed, a rule file or a workbook cannot be read at all (`IngestError`, `XLSXError`).
public enum IngestText: String, MessageEntry {
    case unreadable, empty, missingColumn, missingConfiguredColumn, noHeaders, foundHeaders, duplicateColumn, ambiguousColumn
    case unknownMappedColumn, unterminatedQuote, quoteOpenTooLong, utf16, csvFailed, resource

    public static let area = "ingest"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .unreadable:
            ("{file}：无法读取文件（{reason}）；请检查配置文件或命令行中的路径",
             "{file}: cannot read the file ({reason}); check the path in the config or on the command line")
        case .empty:
            ("{file}:1：文件是空的，没有表头行；请重新导出带表头行的数据",
             "{file}:1: the file is empty, no header row; export the feed again with its header row")
        case .missingColumn:
            ("{file}:1：找不到 {column} 列（{found}）；请在 [feeds.{feed}.columns] 中指定它对应的表头",
             "{file}:1: no column for {column} ({found}); map it in [feeds.{feed}.columns]")
        case .missingConfiguredColumn:
            ("{file}:1：找不到 {column} 列：配置指定的表头“{configured}”不在表头行中（{found}）；请更正 [feeds.{feed}.columns] 中的 {column}",
             "{file}:1: no column for {column}: the config names \"{configured}\" but it is not in the header ({found}); fix {column} in [feeds.{feed}.columns]")
        case .noHeaders:
            ("没有表头", "no headers")
        case .foundHeaders:
            ("现有表头：{headers}", "found: {headers}")
        case .duplicateColumn:
            ("{file}:1：{headers} 都对应 {column} 列；请删去其中一列，或在 [feeds.{feed}.columns] 中指定要用的那一列",
             "{file}:1: {headers} all map to {column}; remove a column or name the one to use in [feeds.{feed}.columns]")
        case .ambiguousColumn:
            ("{file}:1：表头“{header}”同时被指定给 {columns}；请在 [feeds.{feed}.columns] 中为每一列指定各自的表头",
             "{file}:1: header \"{header}\" is mapped to {columns}; map each column to its own header in [feeds.{feed}.columns]")
        case .unknownMappedColumn:
            ("[feeds.{feed}.columns] 指定了 {column}，但这类数据没有这一列（可用的列：{known}）；请更正列名",
             "[feeds.{feed}.columns] maps {column}, which this feed does not have (columns: {known}); correct the name")
        case .unterminatedQuote:
            ("{file}:{line}：从这条记录开始的带引号字段没有结束；请补上缺少的 \"，或把字段内的引号写成两个（\"\"）",
             "{file}:{line}: a quoted field starting in this record is never closed; add the missing \" or double a quote inside the field (\"\")")
        case .quoteOpenTooLong:
            ("{file}:{line}：从这条记录开始的带引号字段在 {mib} MiB 之后仍未结束，几乎可以肯定缺了一个引号；请补上缺少的 \"，或把字段内的引号写成两个（\"\"）",
             "{file}:{line}: a quoted field starting in this record is still open {mib} MiB later, so a quote is almost certainly never closed; add the missing \" or double a quote inside the field (\"\")")
        case .utf16:
            ("{file}：文件是 UTF-16 编码（Excel 中的“Unicode 文本”），数据文件须为 UTF-8 或 GB18030。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”，或转换：iconv -f UTF-16 -t UTF-8 FILE > FILE-utf8.csv",
             "{file}: the file is UTF-16 (what Excel calls \"Unicode Text\"); feeds must be UTF-8 or GB18030. Save it again as \"CSV UTF-8 (comma delimited)\" in Excel or WPS, or convert it: iconv -f UTF-16 -t UTF-8 FILE > FILE-utf8.csv")
        case .csvFailed:
            ("{file}:{line}：CSV 读取失败（{reason}）；请释放内存或拆分文件",
             "{file}:{line}: CSV reader failed ({reason}); free memory or split the file")
        case .resource:
            ("无法创建 {what}；系统资源不足或缺少程序库",
             "cannot create {what}; the system is out of resources or a library is missing")
        }
    }
}
