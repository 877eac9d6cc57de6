/// An XLSX workbook that cannot be read (`XLSXError`), and why its parts are damaged.
public enum WorkbookText: String, MessageEntry {
    case empty, text, markup, pdf, unknownBinary, openDocument, binaryWorkbook, otherOfficeDocument, otherZip
    case legacyOrEncrypted, damaged, damagedPart, noSuchSheet, notAWorksheet, noWorksheet, tooLarge
    case zipDirectoryUnreadable, tooManyEntries, cutShort, partMissing, otherCompression, corruptData, archiveError
    case moreThanDeclared, endsShort, checksum, xmlLine, parserSaid
    case rowNumberInvalid, rowOutOfOrder, rowPastLast, cellReferenceInvalid, cellOutOfOrder, sharedStringMissing, sheetWithoutPart
    case sharedStringBytes, styleBytes, structureBytes, sheetBytes, columnsInRow, quoted

    public static let area = "workbook"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .empty:
            ("{file}：文件是空的，不是 XLSX 工作簿；请重新导出", "{file}: the file is empty, not an XLSX workbook; export the workbook again")
        case .text:
            ("{file}：不是 XLSX 工作簿，而是文本文件（CSV？）；如果是 CSV，请把扩展名改为 .csv，否则请在 Excel 或 WPS 中打开并另存为 .xlsx",
             "{file}: not an XLSX workbook but a text file (CSV?); if it is CSV, give it a .csv name, otherwise open it in Excel or WPS and save it as .xlsx")
        case .markup:
            ("{file}：不是 XLSX 工作簿，而是 HTML 或 XML 文件（有些系统导出的网页用了 Excel 的扩展名）；请在 Excel 或 WPS 中打开并另存为 .xlsx",
             "{file}: not an XLSX workbook but an HTML or XML file (some systems export a web page with an Excel name); open it in Excel or WPS and save it as .xlsx")
        case .pdf:
            ("{file}：不是 XLSX 工作簿，而是 PDF 文档；请索取 .xlsx 或 .csv 格式的数据",
             "{file}: not an XLSX workbook but a PDF document; ask for the data as .xlsx or .csv")
        case .unknownBinary:
            ("{file}：不是 XLSX 工作簿（文件开头不像任何表格格式）；请在 Excel 或 WPS 中打开并另存为 .xlsx",
             "{file}: not an XLSX workbook (the file's first bytes match no spreadsheet format); open it in Excel or WPS and save it as .xlsx")
        case .openDocument:
            ("{file}：是 OpenDocument 表格（.ods），不是 XLSX 工作簿；请在 WPS、Excel 或 LibreOffice 中打开并另存为 .xlsx",
             "{file}: an OpenDocument spreadsheet (.ods), not an XLSX workbook; open it in WPS, Excel or LibreOffice and save it as .xlsx")
        case .binaryWorkbook:
            ("{file}：是 Excel 二进制工作簿（.xlsb），不是 XLSX 工作簿；请在 Excel 或 WPS 中打开并另存为 .xlsx",
             "{file}: an Excel binary workbook (.xlsb), not an XLSX workbook; open it in Excel or WPS and save it as .xlsx")
        case .otherOfficeDocument:
            ("{file}：是 Word 或 PowerPoint 文件，不是工作簿；请提供含数据的工作簿",
             "{file}: a Word or PowerPoint file, not a workbook; give the workbook with the data")
        case .otherZip:
            ("{file}：是不含工作簿的 ZIP 压缩包；请直接提供 .xlsx 文件，而不是它的压缩包",
             "{file}: a ZIP archive with no workbook in it; give the .xlsx file itself, not an archive of it")
        case .legacyOrEncrypted:
            ("{file}：是旧版 .xls 工作簿或设有密码的工作簿，无法读取；请在 Excel 或 WPS 中打开，另存为不带密码的 .xlsx",
             "{file}: a legacy .xls workbook or a password-protected workbook, which cannot be read; open it in Excel or WPS and save it as .xlsx without a password")
        case .damaged:
            ("{file}：工作簿已损坏（{reason}）；请在 Excel 或 WPS 中打开后重新保存，或重新导出",
             "{file}: the workbook is damaged ({reason}); open it in Excel or WPS and save it again, or export it again")
        case .damagedPart:
            ("{file}：工作簿已损坏（{part}：{reason}）；请在 Excel 或 WPS 中打开后重新保存，或重新导出",
             "{file}: the workbook is damaged ({part}: {reason}); open it in Excel or WPS and save it again, or export it again")
        case .noSuchSheet:
            ("{file}：没有名为“{sheet}”的工作表（现有工作表：{sheets}）；请在配置中写其中一个",
             "{file}: no sheet named \"{sheet}\" (sheets: {sheets}); name one of them in the config")
        case .notAWorksheet:
            ("{file}：工作表“{sheet}”是图表或对话框工作表，没有数据表；请写有数据的工作表",
             "{file}: sheet \"{sheet}\" is a chart or dialog sheet and holds no table; name the sheet with the data")
        case .noWorksheet:
            ("{file}：工作簿中没有工作表；请重新导出数据", "{file}: the workbook has no worksheet; export the data again")
        case .tooLarge:
            ("{file}：{part} 超过 {limit} {what}；请拆分成较小的工作簿，或删去数据中用不到的部分",
             "{file}: {part} has more than {limit} {what}; split it into smaller workbooks, or leave out what the feed does not need")
        case .zipDirectoryUnreadable:
            ("无法读取其 ZIP 目录", "its ZIP directory cannot be read")
        case .tooManyEntries:
            ("ZIP 目录中超过 {max} 项", "more than {max} entries in the ZIP directory")
        case .cutShort:
            ("文件末尾的 ZIP 目录缺失，文件不完整", "the ZIP directory at the end of the file is missing, the file is cut short")
        case .partMissing:
            ("该部分缺失", "the part is missing")
        case .otherCompression:
            ("使用了 deflate 以外的压缩方法", "it is compressed with a method other than deflate")
        case .corruptData:
            ("压缩数据已损坏", "its compressed data is corrupt")
        case .archiveError:
            ("无法从压缩包中读取其数据（{detail}）", "its data cannot be read from the archive ({detail})")
        case .moreThanDeclared:
            ("数据比 ZIP 条目声明的多", "it holds more data than its ZIP entry says")
        case .endsShort:
            ("数据少了 {bytes} 字节", "it ends {bytes} bytes short")
        case .checksum:
            ("校验和（CRC-32）不符", "its checksum does not match (CRC-32)")
        case .xmlLine:
            ("第 {line} 行：{detail}", "line {line}: {detail}")
        case .parserSaid:
            ("{detail}", "{detail}")
        case .rowNumberInvalid:
            ("第 {row} 行的行号是“{value}”", "row {row} has the row number \"{value}\"")
        case .rowOutOfOrder:
            ("第 {row} 行出现在第 {previous} 行之后", "row {row} comes after row {previous}")
        case .rowPastLast:
            ("第 {row} 行超出了工作表的最后一行 1048576", "row {row} is past the last row a sheet can have, 1048576")
        case .cellReferenceInvalid:
            ("第 {row} 行有一个引用为“{value}”的单元格", "row {row} has a cell with the reference \"{value}\"")
        case .cellOutOfOrder:
            ("单元格 {cell} 出现在单元格 {previous} 之后", "cell {cell} comes after cell {previous}")
        case .sharedStringMissing:
            ("单元格 {cell} 引用第 {index} 个共享字符串，但工作簿只有 {count} 个",
             "cell {cell} refers to shared string {index}, but the workbook has {count}")
        case .sheetWithoutPart:
            ("工作表“{sheet}”在压缩包中没有对应的部分", "sheet \"{sheet}\" has no part in the archive")
        case .sharedStringBytes: ("字节的共享字符串", "bytes of shared strings")
        case .styleBytes: ("字节的样式", "bytes of styles")
        case .structureBytes: ("字节的工作簿结构", "bytes of workbook structure")
        case .sheetBytes: ("字节的工作表数据", "bytes of sheet data")
        case .quoted: ("“{text}”", "\"{text}\"")
        case .columnsInRow:
            ("列（第 {row} 行有单元格在 {column} 列）", "columns (a cell in row {row} is in column {column})")
        }
    }
}
