/// Rule files (SPEC 1.4, 10) and the `rules` commands.
public enum RuleText: String, MessageEntry {
    case invalidRows, noDesignations, noRegionColumn, cannotWrite, row, atLine
    case checkValid, checkUnchecked, noLevel, inForce, inForceLevel
    case diffHeading, diffRows, diffMoved, openEnd, diffAdded, diffRemoved
    case importProblems, notResolved, noNames, columnHolds, linesIgnored
    case levelCount, importRead, widenedCount, ignoredListed, ignoredHidden
    case against, noPrevious, importInForce, kept, closed, opened, leftOut, wrote, withdrawn
    case announcementUnreadable, announcementUnreadableReason, announcementNotText, itsColumns, csvNeedsColumn, workbookNeedsColumn
    case noSuchColumn, unreadableRecords

    public static let area = "rules"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .invalidRows:
            ("{file}：有 {count} 行无效，未进行筛查。请改正这些行后重新运行：\n{rows}",
             "{file}: {count} invalid {count?row|rows}; nothing was screened. Fix these lines and run again:\n{rows}")
        case .noDesignations:
            ("{file}：风险地区文件中没有任何划定；没有规则不会进行筛查",
             "{file}: the rule file has no designations; a run never screens without rules")
        case .noRegionColumn:
            ("{file}:1：找不到 region_code（区划代码）或 region_name（地区名称）列（{found}）；风险地区文件须用代码、名称或两者写明每个地区",
             "{file}:1: no column for region_code (区划代码) or region_name (地区名称) ({found}); a rule file names each region by its code, its name, or both")
        case .cannotWrite:
            ("{path}：无法写入风险地区文件（{reason}）；请检查文件夹及其权限",
             "{path}: cannot write the rule file ({reason}); check the folder and its permissions")
        case .row:
            ("{code} {name} {level} {from}..{to}", "{code} {name} {level} {from}..{to}")
        case .atLine:
            ("{file}:{line}：{problem}", "{file}:{line}: {problem}")

        case .checkValid:
            ("{file}：{rows} 行有效（{both} 行同时有代码和名称且一致；{named} 行只有名称，已解析为代码；{coded} 行只有代码，名称取自地名库）",
             "{file}: {rows} rows valid ({both} with code and name, which agree; {named} named only, resolved to codes; {coded} coded only, named from the gazetteer)")
        case .checkUnchecked:
            ("  第 {line} 行：“{unchecked}”未核对：地名库对 {code} 只到 {known}；请把本区的街道、社区加入地名库文件以便核对",
             "  line {line}: {unchecked} not checked: the gazetteer names {code} only down to {known}; add the district's streets and communities to a gazetteer file to check it")
        case .noLevel:
            ("（无）", "no level")
        case .inForce:
            ("{day} 生效的地区：{count} 个", "in force on {day}: {count} {count?region|regions}")
        case .inForceLevel:
            ("  {level}（{count} 个）：{regions}", "  {level} ({count}): {regions}")

        case .diffHeading:
            ("{old} → {new}，{day} 生效的地区：", "{old} → {new}, in force on {day}:")
        case .diffRows:
            ("行：{old} 有 {before} 行，{new} 有 {after} 行：{moved} 行结束日期（to）不同，{added} 行只在 {new} 中，{removed} 行只在 {old} 中",
             "rows: {before} in {old}, {after} in {new}: {moved} with another end (to), {added} only in {new}, {removed} only in {old}")
        case .diffMoved:
            ("  ~ {file}:{line}：{row}（在 {old}:{old_line} 中结束日期为 {to}）", "  ~ {file}:{line}: {row} (to was {to} in {old}:{old_line})")
        case .openEnd:
            ("空，仍然有效", "empty, in force")
        case .diffAdded:
            ("  + {file}:{line}：{row}", "  + {file}:{line}: {row}")
        case .diffRemoved:
            ("  - {file}:{line}：{row}", "  - {file}:{line}: {row}")

        case .importProblems:
            ("{file}：有 {count} 处问题{unresolved}；未写入任何内容。请更正公告文字，或在配置的地名库文件中补充缺少的街道、社区，或用 --widen 有意按上级地区划定：\n{problems}",
             "{file}: {count} {count?problem|problems}{unresolved}; nothing was written. Correct the announcement's text, add the missing streets or communities to a gazetteer file of the config, or pass --widen to designate the enclosing region on purpose:\n{problems}")
        case .notResolved:
            ("（{count} 个名称未能解析）", " ({count} {count?name|names} not resolved)")
        case .noNames:
            ("{file}：没有找到地区名称：“高风险”“中风险”“低风险”标题下没有任何一行列出名称；未写入任何内容。请确认这是公告{column}{ignored}",
             "{file}: no region names found: no line under a heading mentioning 高风险, 中风险 or 低风险 lists a name; nothing was written. Check that this is the announcement{column}{ignored}")
        case .columnHolds:
            ("，且 {column} 列中是地区名称", " and that column {column} holds the names")
        case .linesIgnored:
            ("（{count} 行被视为标题、汇总或落款；--verbose 会列出）", " ({count} lines were read as title, summary or closing; --verbose lists them)")

        case .levelCount:
            ("{level} {count} 个", "{level} {count}")
        case .importRead:
            ("{file}：第 {first}–{last} 行共 {count} 个名称（{levels}），全部已解析{widened}{ignored}",
             "{file}: {count} names ({levels}) on lines {first}–{last}, all resolved{widened}{ignored}")
        case .widenedCount:
            ("，其中 {count} 个按上级地区划定", ", {count} widened")
        case .ignoredListed:
            ("；{count} 行被视为标题、汇总或落款：", "; {count} lines read as title, summary or closing:")
        case .ignoredHidden:
            ("；{count} 行被视为标题、汇总或落款（--verbose 会列出）", "; {count} lines read as title, summary or closing (--verbose lists them)")
        case .against:
            ("对照 {file}", "against {file}")
        case .noPrevious:
            ("没有上一份文件：所有地区都是新增", "no previous file: every region is new")
        case .importInForce:
            ("{day} 生效的地区，{against}：", "in force on {day}, {against}:")
        case .kept:
            ("{count} 行保持不变", "{count} kept as they were")
        case .closed:
            ("{count} 行于 {day} 结束", "{count} closed on {day}")
        case .opened:
            ("{count} 行自 {day} 起新增", "{count} new from {day}")
        case .leftOut:
            ("{count} 行未写入", "{count} left out")
        case .wrote:
            ("已写入 {file}：{rows} 行（{parts}）", "wrote {file}: {rows} rows ({parts})")
        case .withdrawn:
            ("{row} 被公告解除或调整，但开始日期在 {day} 或之后：不写入新文件，而不是在开始前就结束",
             "{row} is lifted or changed by the announcement but starts on or after {day}: left out of the new file rather than closed before it starts")

        case .announcementUnreadable:
            ("{path}：无法读取公告；请检查路径", "{path}: cannot read the announcement; check the path")
        case .announcementUnreadableReason:
            ("{path}：无法读取公告（{reason}）", "{path}: cannot read the announcement ({reason})")
        case .announcementNotText:
            ("{path}：公告既不是 UTF-8 也不是 GB18030 文本；请另存为 UTF-8 文本（表格文件请给出 --column）",
             "{path}: the announcement is neither UTF-8 nor GB18030 text; save it as UTF-8 text (or give --column for a spreadsheet)")
        case .itsColumns:
            ("（其中的列：{columns}）", " (its columns: {columns})")
        case .csvNeedsColumn:
            ("{path} 是 CSV 文件：请用 --column 给出存放地区名称那一列的表头{columns}",
             "{path} is a CSV file: give --column with the header of the column that holds the region names{columns}")
        case .workbookNeedsColumn:
            ("{path} 是表格文件：请用 --column 给出存放地区名称那一列的表头{columns}",
             "{path} is a spreadsheet file: give --column with the header of the column that holds the region names{columns}")
        case .noSuchColumn:
            ("{path}:1：没有 {column} 列（现有表头：{found}）；--column 请用其中之一",
             "{path}:1: no column {column} (found: {found}); give --column one of these")
        case .unreadableRecords:
            ("{path}：有 {count} 条记录无法读取；未写入任何内容：\n{problems}",
             "{path}: {count} unreadable {count?record|records}; nothing was written:\n{problems}")
        }
    }
}
