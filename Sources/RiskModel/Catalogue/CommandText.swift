/// What `check`, `diff`, `explain`, `history`, `purge` and `print` say.
public enum CommandText: String, MessageEntry {
    case checkNeedsRules, checkRules, checkReject
    case diffHeading, diffCounts, diffAction, diffPerCommunity, unassigned, community, diffCommunity, diffNotice, replaces, diffRescinded
    case needsState, noStore, noRunYet, code, placeName, explainHeading, noStays, staysOnRecord, stay, touchesNothing, inside, knownOnlyAt
    case gives, coarseNone, endedBefore, exposure, measure, noMeasure, notices, notice, noticeReplaces, rescindedBy
    case releasedBy, releasedWithNotice
    case badID, noOneWithPhone, noOneNamed, severalMatch, matchLine, phone, residentOf, traveller, residentNamed, travellerNamed, notInSnapshot
    case historyRun, forced, historyPolicy, historyRegions, historyInput, noRuns
    case purgeMerged, purgeStays, purgeNotices
    case noBatches, nothingToPrint, printed, printNeedsOut, noSuchRun, noSuchCommunity, noBatchFor

    public static let area = "command"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .checkNeedsRules:
            ("check 需要 --policy 和 --regions（在命令行或配置文件中给出）", "check needs --policy and --regions (as flags or in the config file)")
        case .checkRules:
            ("政策“{policy}”和 {designations} 条划定：有效（名称已对照地名库中的 {units} 个地区核对）",
             "policy \"{policy}\" and {designations} designations: valid (names checked against {units} units of the gazetteer)")
        case .checkReject:
            ("{reject} [{code}]", "{reject} [{code}]")

        case .diffHeading:
            ("与上次提交的运行相比，截至 {as_of}：", "against the last committed run, as of {as_of}:")
        case .diffCounts:
            ("  新增 {new}，变更 {amended}，延续 {continuing}，撤销 {rescinded}", "  {new} new, {amended} amended, {continuing} continuing, {rescinded} rescinded")
        case .diffAction:
            ("  {action}：新增 {new}，变更 {amended}，延续 {continuing}", "  {action}: {new} new, {amended} amended, {continuing} continuing")
        case .diffPerCommunity:
            ("按社区：", "per community:")
        case .unassigned:
            ("未分配社区", "unassigned")
        case .community:
            ("{code} {name}", "{code} {name}")
        case .diffCommunity:
            ("  {community}：新增 {new}，变更 {amended}，撤销 {rescinded}", "  {community}: {new} new, {amended} amended, {rescinded} rescinded")
        case .diffNotice:
            ("  {status} {serial} {person} {name} {action}至 {until}{replaces}，{level}，{region}",
             "  {status} {serial} {person} {name} {action} until {until}{replaces}, {level} in {region}")
        case .replaces:
            ("（替代 {serial}）", " (replaces {serial})")
        case .diffRescinded:
            ("  撤销 {serial} {person} {name}", "  rescinded {serial} {person} {name}")

        case .needsState:
            ("{command} 需要 --state（在命令行或配置文件中给出）", "{command} needs --state (as a flag or in the config file)")
        case .noStore:
            ("{path}：这里没有状态库", "{path}: no state store here")
        case .noRunYet:
            ("{path}：还没有提交过任何运行；没有可解释的内容", "{path}: no committed run yet; nothing to explain")
        case .code:
            ("{code}", "{code}")
        case .placeName:
            ("（{name}）", " ({name})")
        case .explainHeading:
            ("{type} {person}{who}，截至 {as_of}（时间窗 {first}..{last}，政策 {policy}）",
             "{type} {person}{who}, as of {as_of} (window {first}..{last}, policy {policy})")
        case .noStays:
            ("没有行程记录", "no stays on record")
        case .staysOnRecord:
            ("行程记录：{count} 条", "stays on record: {count}")
        case .stay:
            ("  停留于 {code}{name}，{days}", "  stay in {code} {days}{name}")
        case .touchesNothing:
            ("    时间窗内未涉及任何划定", "    touches no designation in the window")
        case .inside:
            ("    位于 {name}（{code}，{level}，规则第 {line} 行）内，{days}", "    inside {name} ({code}, {level}, rule line {line}) on {days}")
        case .knownOnlyAt:
            ("    只知道停留在包含 {name}（{code}，{level}，规则第 {line} 行）的上级地区，{days}",
             "    known only at a region containing {name} ({code}, {level}, rule line {line}) on {days}")
        case .gives:
            (" → {action}至 {until}（{level}）", " → {action} until {until} (level {level})")
        case .coarseNone:
            (" → 无：政策对{level}的上级地区等级为 none", " → nothing: the policy's coarse level for {level} is none")
        case .endedBefore:
            (" → 无：措施在 {day} 之前已结束", " → nothing: the measure would have ended before {day}")
        case .exposure:
            ("{how}{outcome}", "{how}{outcome}")
        case .measure:
            ("措施：{action}至 {until}，{level}，地区 {code} {name}，最后暴露日 {last}（取最严厉的措施，其次取最晚的结束日期）",
             "measure: {action} until {until}, level {level}, region {code} {name}, last exposure {last} — the most severe action, then the latest until")
        case .noMeasure:
            ("措施：{day} 无", "measure: none on {day}")
        case .notices:
            ("通知书：", "notices:")
        case .notice:
            ("  {serial} 由第 {run} 次运行发出：{status} {action}至 {until}{replaces}{rescinded}{released}",
             "  {serial} issued by run {run}: {status} {action} until {until}{replaces}{rescinded}{released}")
        case .noticeReplaces:
            ("，替代 {serial}", ", replaces {serial}")
        case .rescindedBy:
            ("；已由第 {run} 次运行撤销：{reason}", "; rescinded by run {run}: {reason}")
        case .releasedBy:
            ("；期满，第 {run} 次运行解除（未打印解除告知书）", "; ended, released by run {run} (no release notice printed)")
        case .releasedWithNotice:
            ("；期满，第 {run} 次运行解除，解除告知书 {serial}", "; ended, released by run {run} with release notice {serial}")
        case .badID:
            ("{id}：{problem}", "{id}: {problem}")
        case .noOneWithPhone:
            ("状态库中没有电话为 {phone} 的居民或出行人员；请给出证件号码、姓名或电话",
             "no resident or traveller in the state store has the phone {phone}; give an ID number, a name or a phone number")
        case .noOneNamed:
            ("状态库中没有名为“{name}”的居民或出行人员；请给出证件号码、姓名（与数据中写法一致）或电话",
             "no resident or traveller in the state store is named {name}; give an ID number, a name as the feeds write it, or a phone number")
        case .severalMatch:
            ("有 {count} 人符合“{who}”；请用证件号码指定其中一人：", "{count} people match {who}; give the ID number of the one meant:")
        case .matchLine:
            ("  {type} {person} {name}{phone}，{where}", "  {type} {person} {name}{phone}, {where}")
        case .phone:
            ("，电话 {phone}", ", phone {phone}")
        case .residentOf:
            ("居住于 {community}（{code}），网格 {grid}", "resident of {community} ({code}), grid {grid}")
        case .traveller:
            ("非本区居民，只见于行程数据", "not a resident, known from travel feeds")
        case .residentNamed:
            ("（{name}，{community} {code}，网格 {grid}）", " ({name}, resident of {community} {code}, grid {grid})")
        case .travellerNamed:
            ("（{name}，非本区居民）", " ({name}, not a resident)")
        case .notInSnapshot:
            ("（不在居民快照中）", " (not in the residents snapshot)")

        case .historyRun:
            ("第 {run} 次运行，截至 {as_of}{forced}：{measures} 项措施（新增 {new}，变更 {amended}，延续 {continuing}，撤销 {rescinded}），拒收 {rejects} 条",
             "run {run} as-of {as_of}{forced}: {measures} measures ({new} new, {amended} amended, {continuing} continuing, {rescinded} rescinded), {rejects} rejects")
        case .forced:
            ("（强制）", " (forced)")
        case .historyPolicy:
            ("  政策 {file} sha256 {sha}", "  policy {file} sha256 {sha}")
        case .historyRegions:
            ("  风险地区 {file} sha256 {sha}", "  regions {file} sha256 {sha}")
        case .historyInput:
            ("  {kind} {file} sha256 {sha}：{counts}", "  {kind} {file} sha256 {sha}: {counts}")
        case .noRuns:
            ("没有已提交的运行", "no committed runs")

        case .purgeMerged:
            ("，现合并为一个文件（原 {files} 个）", ", now in one file instead of {files}")
        case .purgeStays:
            ("已删除 {before} 之前结束的行程 {removed} 条，以及被后来记录替代的 {replaced} 条（保留 {kept} 条{merged}）",
             "removed {removed} stays that ended before {before} and {replaced} that later records had replaced ({kept} kept{merged})")
        case .purgeNotices:
            ("已从 {notices} 份措施在 {before} 之前结束的通知书中删除姓名、电话和地址",
             "removed names, phones and addresses from {notices} notices whose measure ended before {before}")

        case .noBatches:
            ("{path}：这里没有通知书批次；这次运行发布时是否开启了渲染？", "{path}: no notice batches here; was the run published with rendering on?")
        case .nothingToPrint:
            ("{path} 中没有要打印的批次", "no batches to print in {path}")
        case .printed:
            ("{file}：作业 {job}", "{file}: job {job}")
        case .printNeedsOut:
            ("找不到运行 {run}：请给出 --out（或带 out 的 --config），或给出运行文件夹的路径",
             "cannot find the run {run}: give --out (or a --config with `out`), or the path of the run folder")
        case .noSuchRun:
            ("找不到运行 {run}；已查找：\n{tried}", "no run {run}; looked for:\n{tried}")
        case .noSuchCommunity:
            ("{path} 中没有社区 {community} 的批次；本次运行的批次有：{known}", "no batch for community {community} in {path}; this run's batches: {known}")
        case .noBatchFor:
            ("{path} 中没有社区 {community} 的批次", "no batch for community {community} in {path}")
        }
    }
}
