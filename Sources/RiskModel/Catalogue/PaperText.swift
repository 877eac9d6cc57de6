/// The office's messages about the papers a run writes (SPEC 6–8): notices, release and rescission notices, cover
/// lists and worklists. The papers themselves are always Chinese and take their words from the templates.
public enum PaperText: String, MessageEntry {
    case templateFallback, continuedOnSecondSheet, rendering
    case cairoFailed, cannotCreateSurface, qrCode, joinFailed
    case noGridContact, noGrid, grid, unassigned
    case worklistXLSX, worklistCSV, xlsxCannotStart, xlsxClosed, xlsxSheetName, outOfMemory

    public static let area = "paper"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .templateFallback:
            ("模板文件夹中没有 {name}.mustache；在加入本区的模板之前使用程序自带的模板",
             "the templates folder has no {name}.mustache; the program's own is used until a district's is added")
        case .continuedOnSecondSheet:
            ("一份文书的文字用最小字号仍排不下一页，续印在第二页；请检查数据文件中的地址和姓名",
             "a paper's text does not fit one sheet at the smallest type and continues on a second; check the address and name in the feed")
        case .rendering:
            ("正在生成 {n} 份通知书", "rendering {n} notices")
        case .cairoFailed:
            ("{path}：第 {page} 页：cairo 停止绘制（{status}）；请检查磁盘空间后重新运行",
             "{path}: page {page}: cairo stopped drawing ({status}); check free disk space and rerun")
        case .cannotCreateSurface:
            ("无法创建绘图面", "cannot create surface")
        case .qrCode:
            ("无法把编号 {serial} 编成二维码；编号须为较短的可打印文字", "cannot encode serial {serial} as a QR code; serials must be short printable text")
        case .joinFailed:
            ("{path}：无法合并一批通知书的各部分（{reason}）；请检查磁盘空间后重新运行",
             "{path}: cannot join the parts of a notice batch ({reason}); check free disk space and rerun")
        case .noGridContact:
            ("社区 {community} {grid} 没有网格员联系方式：{n} 份文书的联系人一行留空，需手工填写；请在网格员联系表中加入一行",
             "no grid contact for community {community} {grid}: {n} paper(s) print a blank contact line to fill by hand; add a row to the grid contacts file")
        case .noGrid: ("（无网格）", "(no grid)")
        case .grid: ("网格 {grid}", "grid {grid}")
        case .unassigned: ("未落地", "unassigned")
        case .worklistXLSX:
            ("{file}：无法写出 XLSX 工作清单（{step}：{reason}）；请检查文件夹存在、可写且有剩余空间",
             "{file}: could not write the XLSX worklist ({step}: {reason}); check that the folder exists, is writable and has free space")
        case .worklistCSV:
            ("{file}：无法写出 CSV 工作清单（{reason}）；请检查文件夹存在、可写且有剩余空间",
             "{file}: could not write the CSV worklist ({reason}); check that the folder exists, is writable and has free space")
        case .xlsxCannotStart:
            ("内存不足或没有临时文件夹", "out of memory or no temporary directory")
        case .xlsxClosed:
            ("工作簿已关闭", "workbook already closed")
        case .xlsxSheetName:
            ("工作表名“{name}”无效或重复", "invalid or duplicate sheet name '{name}'")
        case .outOfMemory:
            ("内存不足", "out of memory")
        }
    }
}
