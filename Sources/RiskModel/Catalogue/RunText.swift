/// A run and its settings: the config file, the summary, what stops a run, what a run logs.
public enum RunText: String, MessageEntry {
    case lines, stopped, internalError, pathPrefix, diskFault, cannotUsePath
    case configUnreadable, configNotTOML, configNotTOMLAnywhere, configKey, configProblem, configProblems
    case expectedString, unknownKey, badLanguage, badDate, badEncoding, expectedFraction, expectedBool, expectedFieldBytes, expectedPositive
    case expectedFiles, expectedFeedTables, expectedTable, missingKey, badKind, missingKind, feedsBothPlaces, missingSettings
    case runSummary, previewSummary, noFeeds, inputSummary, countRead, countAccepted, countRejected, countDuplicates, countPhonesBlanked
    case kindResidents, kindTravel, kindRegions, kindGazetteer
    case foreignLatest, asOfEarlier, emptyFeed, tooManyRejects, example
    case screening, reading, stageDone, stopAfterCommit, storeFileUpgraded, modeTightened, modeSet, modeLeft
    case wordingMissing, contactSkipped, noGridWorker, runStoppedBySignal, runFailed, runFinished

    public static let area = "run"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .lines:
            ("{lines}", "{lines}")
        case .stopped:
            ("运行在提交前被信号（{signal}）停止：没有提交或发布任何内容，暂存文件已删除，锁已释放；下次运行将重新开始",
             "run stopped by signal ({signal}) before its commit: nothing was committed or published, its staged files are removed and the lock is released; the next run starts afresh")
        case .internalError:
            ("内部错误：{detail}", "internal error: {detail}")
        case .pathPrefix:
            ("{path}：", "{path}: ")
        case .diskFault:
            ("{subject}{reason}；请清理该磁盘的空间（或检查磁盘）后重新运行", "{subject}{reason}; free space on that disk (or check it), then run again")
        case .cannotUsePath:
            ("{subject}无法读写（{reason}）；请检查给出的路径（--out、--state、--log-file 或配置文件中的）位于可写的磁盘上，且运行 riskscreen 的用户{user}有权使用",
             "{subject}cannot write or read it ({reason}); check the path given (--out, --state, --log-file or the config) is on a writable disk and that the user running riskscreen{user} may use it")

        case .configUnreadable:
            ("{path}：无法读取配置文件：{reason}", "{path}: cannot read the config file: {reason}")
        case .configNotTOML:
            ("{path}:{line}:{column}：不是有效的 TOML：{detail}", "{path}:{line}:{column}: not valid TOML: {detail}")
        case .configNotTOMLAnywhere:
            ("{path}：不是有效的 TOML：{detail}", "{path}: not valid TOML: {detail}")
        case .configKey:
            ("{key}：{problem}", "{key}: {problem}")
        case .configProblem:
            ("{path}：{problem}", "{path}: {problem}")
        case .configProblems:
            ("{path}：有 {count} 处问题：\n{problems}", "{path}: {count} problems:\n{problems}")
        case .expectedString:
            ("应为带引号的文字", "expected a string")
        case .unknownKey:
            ("未知的键（已知的键：{known}）", "unknown key (known: {known})")
        case .badLanguage:
            ("“{value}”不是 zh 或 en", "\"{value}\" is not zh or en")
        case .badDate:
            ("“{value}”不是日期；请写成 YYYY-MM-DD（也可以是 YYYY/M/D、YYYY.M.D、YYYYMMDD、YYYY年M月D日）",
             "\"{value}\" is not a date; write YYYY-MM-DD (also accepted: YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日)")
        case .badEncoding:
            ("“{value}”不是 utf-8、gb18030 或 auto", "\"{value}\" is not utf-8, gb18030 or auto")
        case .expectedFraction:
            ("应为 0 到 1 之间的比例", "expected a fraction between 0 and 1")
        case .expectedBool:
            ("应为 true 或 false", "expected true or false")
        case .expectedFieldBytes:
            ("应为 256 到 1048576 之间的整数字节数", "expected a whole number of bytes from 256 to 1048576")
        case .expectedPositive:
            ("应为正整数", "expected a positive whole number")
        case .expectedFiles:
            ("应为一个文件名或文件名列表，例如 [\"streets.csv\"]", "expected a file name or a list of them, like [\"streets.csv\"]")
        case .expectedFeedTables:
            ("应为 [feeds.rail] 这样的表", "expected tables like [feeds.rail]")
        case .expectedTable:
            ("应为一个表", "expected a table")
        case .missingKey:
            ("缺失", "missing")
        case .badKind:
            ("“{value}”；应为 \"travel\" 或 \"residents\"", "\"{value}\"; expected \"travel\" or \"residents\"")
        case .missingKind:
            ("缺失；应为 \"travel\" 或 \"residents\"", "missing; expected \"travel\" or \"residents\"")
        case .feedsBothPlaces:
            ("命令行给出了数据文件，配置文件中也列有数据文件；请用 --only 只读命令行的文件，或用 --add 两者都读。配置中的：\n{configured}\n命令行的：\n{given}",
             "feeds are named on the command line and the config lists feeds too; pass --only to read the command line's alone, or --add to read both. In the config:\n{configured}\nOn the command line:\n{given}")
        case .missingSettings:
            ("缺少 {flags}（在命令行或配置文件中给出）", "missing {flags} (give them as flags or in the config file)")

        case .runSummary:
            ("第 {run} 次运行，截至 {as_of}：{measures} 项措施（新增 {new}，变更 {amended}，撤销 {rescinded}，解除 {released}），拒收 {rejects} 条，{seconds} 秒",
             "run {run} as-of {as_of}: {measures} measures ({new} new, {amended} amended, {rescinded} rescinded, {released} released), {rejects} rejects, {seconds} s")
        case .previewSummary:
            ("预览 {run}，截至 {as_of}：{measures} 项措施（新增 {new}，变更 {amended}，撤销 {rescinded}，解除 {released}），拒收 {rejects} 条，{seconds} 秒",
             "preview {run} as-of {as_of}: {measures} measures ({new} new, {amended} amended, {rescinded} rescinded, {released} released), {rejects} rejects, {seconds} s")
        case .noFeeds:
            ("未读取任何数据文件：按状态库中的行程和居民快照筛查", "no feeds read: screened the stored stays and residents snapshot")
        case .inputSummary:
            ("{path}（{kind}，{encoding}）：{counts}", "{path} ({kind}, {encoding}): {counts}")
        case .countRead: ("读取 {n}", "{n} read")
        case .countAccepted: ("接受 {n}", "{n} accepted")
        case .countRejected: ("拒收 {n}", "{n} rejected")
        case .countDuplicates: ("重复 {n}", "{n} {n?duplicate|duplicates}")
        case .countPhonesBlanked: ("{n} 个无效电话已置空", "{n} invalid phones blanked")
        case .kindResidents: ("居民", "residents")
        case .kindTravel: ("行程", "travel")
        case .kindRegions: ("风险地区", "regions")
        case .kindGazetteer: ("地名库", "gazetteer")

        case .foreignLatest:
            ("{out}/latest 指向 {run}，而状态库 {state} 从未提交过这次运行；一个输出文件夹只属于一个状态库：请给出它所属的状态库，或换一个 --out",
             "{out}/latest points at {run}, a run the state store {state} never committed; an output folder belongs to one state store: give the store it belongs to, or another --out")
        case .asOfEarlier:
            ("筛查日期 {as_of} 早于上次提交的运行（{last}，第 {run} 次）；如确需为过去的日期筛查，请加 --force",
             "as-of {as_of} is earlier than the last committed run's ({last}, run {run}); pass --force to screen for a past date anyway")
        case .emptyFeed:
            ("{path}：没有记录；如果今晚的{kind}数据本来就是空的，请加 --allow-empty",
             "{path}: no records; pass --allow-empty if an empty {kind} feed is expected tonight")
        case .tooManyRejects:
            ("{path}：{read} 条记录中拒收 {rejected} 条（{rate}%，上限 {limit}%）；请运行 `riskscreen check` 列出全部，修正数据或提高 --max-reject-rate\n{examples}",
             "{path}: {rejected} of {read} records rejected ({rate}%, limit {limit}%); run `riskscreen check` to list them all, fix the feed or raise --max-reject-rate\n{examples}")
        case .example:
            ("    {reject}", "    {reject}")

        case .screening: ("筛查 {stays} 条行程", "screening {stays} stays")
        case .reading: ("读取 {file}", "reading {file}")
        case .stageDone: ("阶段完成", "stage done")
        case .stopAfterCommit:
            ("停止信号在状态库提交之后才到达；本次运行已完成并发布", "stop signal came after the store's commit; the run was finished and published")
        case .storeFileUpgraded:
            ("旧版本写的状态库文件已重写并加上校验和", "store file of an earlier build rewritten with a checksum")
        case .modeTightened: ("文件权限已收紧", "file mode tightened")
        case .modeSet: ("文件权限已设置", "file mode set")
        case .modeLeft: ("文件权限未改动", "file mode left")
        case .wordingMissing:
            ("配置中未设置；通知书上留出一行供手写", "not set in the config; the notices leave a line to fill in by hand")
        case .contactSkipped:
            ("网格员联系表中的一行被跳过；请在网格员联系表中改正", "grid contacts row skipped; fix it in the grid contacts file")
        case .noGridWorker:
            ("没有网格员信息；留出空行供手写", "no grid worker on file; a blank line is left to fill by hand")
        case .runStoppedBySignal: ("运行被信号停止", "run stopped by signal")
        case .runFailed: ("运行失败", "run failed")
        case .runFinished: ("运行完成", "run finished")
        }
    }

    /// The word for a kind of input (`residents`, `travel`, `regions`, `gazetteer`).
    public static func feedKind(_ kind: String) -> Message.Value {
        switch kind {
        case "residents": return kindResidents().messageValue
        case "travel": return kindTravel().messageValue
        case "regions": return kindRegions().messageValue
        case "gazetteer": return kindGazetteer().messageValue
        default: return .text(kind)
        }
    }
}
