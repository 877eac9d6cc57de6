/// `riskscreen feedback` (SPEC 8): what it prints, why it stops, and why a returned row is rejected (the reasons of
/// `FILE.rejects.csv`, their names its `code`).
public enum FeedbackText: String, MessageEntry {
    // Why the command stops.
    case noStateStore, cannotWriteRejects, noOutcomeColumn, tooManyRejects, nothingRecorded, needFiles
    // Why a row is rejected: the codes of FILE.rejects.csv.
    case unknownSerial, dateAfterImport, dateBeforeIssue, unknownOutcome, serialEmpty, noSerialOnLine, dateIsNumber
    // The summary.
    case skipped, sameFileGiven, importedBefore, fileLine, recorded, history, standingCount, blank, duplicates, rejected, rejectedIn
    case kindWorklist, kindScanList, kindFile, total, totalCounts, dryRunTotal, dryRunTotalCounts, outcomeCount, community, communityUnassigned
    // What the history was kept for: where a serial no longer in force stands.
    case standingInForce, standingSuperseded, standingRescinded, standingReleased

    public static let area = "feedback"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .noStateStore:
            ("{state}：此处没有状态库；请给出每晚运行所用的 --state（送达结果按其中的通知书记录）",
             "{state}: no state store here; give the --state of the nightly runs (feedback records against their notices)")
        case .cannotWriteRejects:
            ("{path}：无法在该文件旁写出被拒收的行（{reason}）；请把文件复制到可写的文件夹后再导入",
             "{path}: cannot write the rejected rows beside the file ({reason}); copy the file to a folder you can write to")
        case .noOutcomeColumn:
            ("{file}:{line}：工作清单没有“送达结果”列（找到：{found}）；请填写 riskscreen 打印的工作清单的“送达结果”列，或给出只有通知书编号的扫码清单",
             "{file}:{line}: a worklist without a 送达结果 column (found: {found}); fill in the 送达结果 column of a worklist riskscreen printed, or give a scan list of serials alone")
        case .tooManyRejects:
            ("{file}：{rows} 行中拒收 {rejected} 行（{percent}%，上限 {limit}%）；全部列在 {rejects}：请改正后重新导入该文件，或调高 --max-reject-rate\n{examples}",
             "{file}: {rejected} of {rows} rows rejected ({percent}%, limit {limit}%); every one is in {rejects}: correct them and import the file again, or raise --max-reject-rate\n{examples}")
        case .nothingRecorded:
            ("未记录任何送达结果", "nothing was recorded")
        case .needFiles:
            ("请至少给出一份交回的工作清单或扫码清单", "give at least one returned worklist or scan list")
        case .unknownSerial:
            ("没有编号为 {serial} 的通知书；请与通知书二维码下方的编号核对",
             "no notice has the serial {serial}; check it against the number under the notice's QR code")
        case .dateAfterImport:
            ("{on} 晚于本次导入的日期 {date}；请改正日期，或用 --date 给出导入日期",
             "{on} is after the import's date {date}; correct the date, or give --date")
        case .dateBeforeIssue:
            ("{on} 早于通知书签发日（{issued}）；请改正日期", "{on} is before the notice was issued ({issued}); correct the date")
        case .unknownOutcome:
            ("“{value}”不是 {outcomes} 之一；请从下拉列表中选择", "\"{value}\" is not one of {outcomes}; choose one from the drop-down")
        case .serialEmpty:
            ("为空；送达结果须有其通知书的编号", "is empty; an outcome needs the serial of its notice")
        case .noSerialOnLine:
            ("此行没有通知书编号（找到：{found}）；扫码清单每行一个编号", "no notice serial on this line (found: {found}); a scan list holds one serial a line")
        case .dateIsNumber:
            ("{value} 是数字而不是日期；请写成 YYYY-MM-DD，或把单元格设为日期格式",
             "{value} is a number, not a date; write YYYY-MM-DD or format the cell as a date")
        case .skipped:
            ("{path}：已跳过，{why}", "{path}: skipped, {why}")
        case .sameFileGiven:
            ("与前面给出的 {first} 是同一文件", "the same file as {first}, given before it")
        case .importedBefore:
            ("已于 {day} 导入过（当时为 {path}）；不再重复记录", "imported before on {day} (as {path}); nothing recorded again")
        case .fileLine:
            ("{path}：{kind}，{rows} 行：{parts}", "{path}: {kind}, {rows} rows: {parts}")
        case .recorded:
            ("记录 {n} 条", "{n} recorded")
        case .history:
            ("其中 {n} 条的通知书已不在管，作为历史保存（{kinds}）", "{n} of them for notices no longer in force, kept as history ({kinds})")
        case .standingCount:
            ("{standing} {n}", "{n} {standing}")
        case .blank:
            ("空白或待送达 {n} 行", "{n} blank or 待送达")
        case .duplicates:
            ("已记录过 {n} 条", "{n} already recorded")
        case .rejected:
            ("拒收 {n} 行", "{n} rejected")
        case .rejectedIn:
            ("拒收 {n} 行（{file}）", "{n} rejected ({file})")
        case .kindWorklist: ("工作清单", "worklist")
        case .kindScanList: ("扫码清单", "scan list")
        case .kindFile: ("文件", "file")
        case .total:
            ("截至 {date} 记录送达结果 {n} 条", "recorded {n} outcomes as of {date}")
        case .totalCounts:
            ("截至 {date} 记录送达结果 {n} 条：{counts}", "recorded {n} outcomes as of {date}: {counts}")
        case .dryRunTotal:
            ("试运行：截至 {date} 将记录送达结果 {n} 条（未记录任何内容）", "would record (dry run: nothing recorded) {n} outcomes as of {date}")
        case .dryRunTotalCounts:
            ("试运行：截至 {date} 将记录送达结果 {n} 条（未记录任何内容）：{counts}",
             "would record (dry run: nothing recorded) {n} outcomes as of {date}: {counts}")
        case .outcomeCount:
            ("{outcome} {n}", "{outcome} {n}")
        case .community:
            ("  {code} {name}：{counts}", "  {code} {name}: {counts}")
        case .communityUnassigned:
            ("  未落地：{counts}", "  unassigned: {counts}")
        case .standingInForce: ("在管", "in force")
        case .standingSuperseded: ("已被变更", "superseded")
        case .standingRescinded: ("已撤销", "rescinded")
        case .standingReleased: ("已解除", "released")
        }
    }
}

/// What a grid worker reports for a notice and where its paper stands (SPEC 8), as the office's messages and the
/// report say it; the worklist's drop-down keeps its Chinese words in every language.
public enum DeliveryText: String, MessageEntry {
    case delivered, refused, notFound, left, pending, overdue

    public static let area = "delivery"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .delivered: ("已送达", "delivered")
        case .refused: ("拒收", "refused")
        case .notFound: ("查无此人", "not found")
        case .left: ("已离开本地", "left")
        case .pending: ("待送达", "pending")
        case .overdue: ("超期未送达", "overdue")
        }
    }
}

/// Follow-up of delivered papers (SPEC 8) and the config's settings for it.
public enum FollowUpText: String, MessageEntry {
    case expectedDeliveryDays

    public static let area = "followup"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .expectedDeliveryDays:
            ("应为 0 到 365 之间的整数天数", "expected a whole number of days from 0 to 365")
        }
    }
}

/// `riskscreen feedback --help` (SPEC 8), and its usage errors.
public enum FeedbackHelpText: String, MessageEntry {
    case abstract, discussion, files, state, config, date, dryRun, maxRejectRate, needStateOrConfig

    public static let area = "feedback_help"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .abstract:
            ("从交回的工作清单（XLSX、CSV）和通知书编号扫码清单中记录送达结果。",
             "Record delivery outcomes from returned worklists (XLSX, CSV) and scan lists of notice serials.")
        case .discussion:
            ("""
            工作清单的“送达结果”列（已送达、拒收、查无此人、已离开本地；见 docs/delivery-feedback.md）连同其“送达日期”（空白则取 --date）一起记录；空白和待送达的行不记录。扫码清单每行一个通知书编号，每个表示在 --date 已送达。各列按表头查找，所以 Excel 或 WPS 另存过的工作清单同样可读。无法记录的行（未知的编号、错误的结果或日期）写入每个文件旁的 FILE.rejects.csv；拒收行的比例超过 --max-reject-rate 的文件不记录任何内容，命令以状态 2 退出。导入过的文件（SHA-256 相同）会被跳过。下一次运行会在工作清单中预先填好结果，并在 followup.csv 中列出需要跟进的通知。

            退出状态：0 成功；1 用法或配置错误；2 输入被拒（文件无法读取、拒收行过多）；3 有运行占用着锁；4 内部错误。

            示例：
              riskscreen feedback --state state/riskscreen.sqlite --date 2020-02-07 \\
                returned/worklist-330111004002.xlsx returned/scans.txt
            """,
             """
            A worklist's outcome column (delivered, refused, not found, left; see docs/delivery-feedback.md for the Chinese headers and words) is recorded with its date (blank: --date); blank and pending rows record nothing. A scan list holds one notice serial a line, each meaning delivered on --date. Columns are found by header, so a worklist saved again by Excel or WPS is read as well. Rows that cannot be recorded (an unknown serial, a bad outcome or date) go to FILE.rejects.csv beside each file; a file with more of them than --max-reject-rate records nothing and the command exits 2. A file imported before (the same SHA-256) is skipped. The next run pre-fills the worklists and lists what needs chasing in followup.csv.

            Exit status: 0 success; 1 usage or configuration error; 2 input rejected (unreadable file, too many rejected rows); 3 a run holds the lock; 4 internal error.

            Example:
              riskscreen feedback --state state/riskscreen.sqlite --date 2020-02-07 \\
                returned/worklist-330111004002.xlsx returned/scans.txt
            """)
        case .files:
            ("交回的工作清单（XLSX 或 CSV）和扫码清单（文本或 CSV）。", "Returned worklists (XLSX or CSV) and scan lists (text or CSV).")
        case .state:
            ("每晚运行所用的状态库。", "State store of the nightly runs.")
        case .config:
            ("含 state 和 max_reject_rate 的配置文件。", "Config file with `state` and `max_reject_rate`.")
        case .date:
            ("报告送达结果的日期（YYYY-MM-DD）；默认为上海时区的今天。", "Day the outcomes are reported (YYYY-MM-DD); default today in Asia/Shanghai.")
        case .dryRun:
            ("检查文件并写出 FILE.rejects.csv，但不记录任何内容。", "Check the files and write FILE.rejects.csv, but record nothing.")
        case .maxRejectRate:
            ("一个文件最多可被拒收的行的比例（默认 0.01）。", "Largest share of rejected rows a file may have (default 0.01).")
        case .needStateOrConfig:
            ("请给出 --state FILE 或 --config FILE", "give --state FILE or --config FILE")
        }
    }
}
