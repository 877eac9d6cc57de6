/// `--help` of every command: abstracts, discussions, flags (SPEC 11). swift-argument-parser's own headings and
/// built-in flags are worded by `UsageText`.
public enum HelpText: String, MessageEntry {
    case rootAbstract, rootDiscussion, lang
    case config, policy, regions, residents, travel, encoding, only, add
    case runAbstract, runDiscussion, runAsOf, runOut, runState, dryRun, allowEmpty, force, maxRejectRate, noRender
    case logFormat, logFile, verbose, quiet, loggingTitle
    case checkAbstract, checkDiscussion, checkState
    case explainAbstract, explainDiscussion, explainConfig, explainState, explainAsOf, idType, explainPolicy, explainRegions, explainWho
    case historyAbstract, historyDiscussion, historyState, historyConfig
    case diffAbstract, diffDiscussion, diffAsOf, diffState, diffOut, diffList
    case purgeAbstract, purgeDiscussion, purgeState, purgeBefore, purgeConfig
    case printAbstract, printDiscussion, printOut, printConfig, printRun, printCommunity, printAll, printPrinter, printCopies
    case generateAbstract, generateDiscussion, generateResidents, generateStays, generateDesignations, generateFlagged, generateAsOf
    case generateSeed, generateBadRows, generateTravelFiles, generateTravelSeed, generateFirstRecord, generateShape, generateOut
    case rulesAbstract, rulesDiscussion, rulesConfig, rulesState
    case importAbstract, importDiscussion, importAnnouncement, importOn, importFrom, importPrevious, importColumn, importWiden
    case importVerbose, importOutput
    case rulesDiffAbstract, rulesDiffDiscussion, rulesDiffOld, rulesDiffNew, rulesDiffOn
    case rulesCheckAbstract, rulesCheckDiscussion, rulesCheckFile, rulesCheckOn

    public static let area = "help"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .rootAbstract:
            ("将行程记录与风险地区比对，签发隔离通知书。", "Screen travel records against risk regions and issue quarantine notices.")
        case .rootDiscussion:
            ("供区县疫情防控办公室每晚运行的批处理：在政策规则下，把行程数据（停留记录）和居民快照与风险地区文件比对；每个社区得到要打印的通知书和一份工作清单。数据格式见 README.md。",
             "A nightly batch for district epidemic-prevention offices: travel feeds (stays) and the residence snapshot are matched against the risk-region rule file under a policy; each community gets its notices to print and a worklist. See README.md for the input formats.")
        case .lang:
            ("消息和帮助的语言：zh 或 en；默认取配置中的 language，再取语言环境（LC_ALL、LC_MESSAGES、LANG）。",
             "Language of messages and help: zh or en; default the config's `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).")

        case .config:
            ("配置文件（TOML），含路径、数据源和列映射；命令行参数优先。", "Config file (TOML) with paths, feeds and column mappings; flags override it.")
        case .policy:
            ("政策文件（TOML，SPEC 1.5）。", "Policy file (TOML, SPEC 1.5).")
        case .regions:
            ("风险地区文件（CSV 或 XLSX，SPEC 1.4）。", "Risk-region rule file (CSV or XLSX, SPEC 1.4).")
        case .residents:
            ("居民快照数据（CSV 或 XLSX）；可重复给出多个文件。", "Residence snapshot feed (CSV or XLSX); repeat for several files.")
        case .travel:
            ("行程数据（CSV 或 XLSX）；可重复给出多个文件。", "Travel feed (CSV or XLSX); repeat for several files.")
        case .encoding:
            ("命令行给出的 CSV 文件的编码：utf-8、gb18030 或 auto。", "Encoding of CSV files named on the command line: utf-8, gb18030 or auto.")
        case .only:
            ("配置中也列有数据文件时，只读命令行给出的文件。", "When the config lists feeds too, read only the feeds named on the command line.")
        case .add:
            ("配置中也列有数据文件时，两者都读：先配置中的，再命令行的。", "When the config lists feeds too, read both: the config's, then the command line's.")

        case .runAbstract:
            ("为一个筛查日期运行筛查，发布措施、通知书和工作清单。", "Screen for one as-of date and publish measures, notices and worklists.")
        case .runDiscussion:
            ("""
            发布 DIR/runs/<run>/ 并让 DIR/latest 指向它（--dry-run 则发布到 DIR/previews/，不提交任何内容）。最后打印的一行是该文件夹的路径；之前的摘要行列出读取的每个文件。

            退出状态：0 成功；1 用法或配置错误；2 输入被拒（风险地区文件无效、数据文件无法读取、拒收行过多、数据为空）；3 另一次运行占用着锁；4 内部错误或状态库文件损坏。SIGTERM 或 SIGINT 会让运行在下一个安全点停止，清理后不提交；随后进程以该信号结束（shell 状态 143 或 130）。

            示例：
              riskscreen run --as-of 2020-02-06 \\
                --policy policy.toml --regions regions.csv \\
                --residents residents.csv --travel travel_rail.csv \\
                --out out --state state/riskscreen.sqlite
              riskscreen run --config riskscreen.toml
            """,
             """
            Publishes DIR/runs/<run>/ and points DIR/latest at it (a --dry-run publishes under DIR/previews/ and commits nothing). The folder's path is the last line printed; the summary before it lists every file read.

            Exit status: 0 success; 1 usage or configuration error; 2 input rejected (invalid rule file, unreadable feed, too many rejected rows, empty feed); 3 another run holds the lock; 4 internal error or a damaged store file. SIGTERM or SIGINT stops the run at its next safe point, cleaned up and uncommitted; it then ends by that signal (shell status 143 or 130).

            Example:
              riskscreen run --as-of 2020-02-06 \\
                --policy policy.toml --regions regions.csv \\
                --residents residents.csv --travel travel_rail.csv \\
                --out out --state state/riskscreen.sqlite
              riskscreen run --config riskscreen.toml
            """)
        case .runAsOf:
            ("筛查日期（YYYY-MM-DD，也接受 2020/2/6、20200206、2020年2月6日 等）；默认为 Asia/Shanghai 的今天。",
             "Day to screen for (YYYY-MM-DD; 2020/2/6, 20200206, 2020年2月6日 and the like are accepted too); default today in Asia/Shanghai.")
        case .runOut:
            ("输出文件夹（runs/、previews/、latest）。", "Output folder (runs/, previews/, latest).")
        case .runState:
            ("状态库（SQLite 文件；打包的数据在它旁边）。", "State store (SQLite file; packed data lives beside it).")
        case .dryRun:
            ("所有输出都作为预览写出，不提交任何内容。", "Write every output as a preview and commit nothing.")
        case .allowEmpty:
            ("接受没有记录的数据文件。", "Accept a feed with no records.")
        case .force:
            ("为早于上次提交运行的日期筛查。", "Screen for an as-of date earlier than the last committed run's.")
        case .maxRejectRate:
            ("一个数据文件最多可被拒收的行的比例（默认 0.01）。", "Largest share of rejected rows a feed may have (default 0.01).")
        case .noRender:
            ("不生成 PDF 和 XLSX；只写 CSV 和 manifest。", "Skip PDF and XLSX; write the CSVs and the manifest only.")
        case .loggingTitle: ("日志", "Logging")
        case .logFormat:
            ("日志行格式：logfmt 或 json。", "Log line format: logfmt or json.")
        case .logFile:
            ("日志行同时追加到此文件（info 级别，--verbose 时为 debug），不受 --quiet 影响。",
             "Also append log lines to this file (info level, debug with --verbose), whatever --quiet says.")
        case .verbose:
            ("在标准错误上记录各阶段用时和细节。", "Log stage timings and details on stderr.")
        case .quiet:
            ("标准错误上只打印错误和摘要行：没有警告，没有进度条。", "On stderr, print only errors and the summary line: no warnings, no progress bar.")

        case .checkAbstract:
            ("检查政策、风险地区文件和数据文件，列出 run 会拒收的内容；不写任何文件。",
             "Validate the policy, rule file and feeds, and list what `run` would reject; writes nothing.")
        case .checkDiscussion:
            ("""
            退出状态同 run：0 表示运行会接受这些输入，1 表示配置错误，2 表示运行会因它们而停止。风险地区文件中的地名会对照地名库核对：全国表、配置中的地名库文件，以及给出的居民数据（否则取状态库快照）中的社区名称。每条拒收都带有它的代码（rejects.csv 的 code 列）。

            示例：
              riskscreen check --policy policy.toml --regions regions.csv --travel travel_rail.csv
              riskscreen check --config riskscreen.toml
            """,
             """
            Exit status as `run`: 0 when a run would accept the inputs, 1 for a configuration error, 2 when a run would stop on them. Region names in the rule file are checked against the gazetteer: the national table, the config's gazetteer files, and the community names of the residents given (else of the state store's snapshot). Each reject is listed with its code (the `code` column of rejects.csv).

            Example:
              riskscreen check --policy policy.toml --regions regions.csv --travel travel_rail.csv
              riskscreen check --config riskscreen.toml
            """)
        case .checkState:
            ("状态库，用于取其中居民快照的社区名称；默认取配置中的。", "State store, for its residents' community names; default the config's.")

        case .explainAbstract:
            ("解释某人为什么有（或没有）措施：行程、涉及的划定、候选措施、通知书。",
             "Explain why a person has (or has no) measure: stays, designations touched, candidates, notices.")
        case .explainDiscussion:
            ("""
            人员可用证件号码、姓名（与数据中写法一致）或电话号码指定；符合的有多人时，列出他们（证件号码和电话已脱敏），请再用证件号码指定。除非另行给出，否则按上次提交运行的政策和风险地区文件重演。地区名称取自地名库：全国表、配置中的地名库文件和存储的居民社区名称。

            示例：
              riskscreen explain --config riskscreen.toml 330111198001011234
              riskscreen explain --config riskscreen.toml 张建国
              riskscreen explain --state state/riskscreen.sqlite 13857112345
            """,
             """
            The person is given by ID number, by name (as the feeds write it) or by phone number; when several people match, they are listed (IDs and phones masked) for you to give the ID of the one meant. Replays the last committed run's policy and rule file unless others are given. Regions are named from the gazetteer: the national table, the config's gazetteer files and the stored residents' community names.

            Example:
              riskscreen explain --config riskscreen.toml 330111198001011234
              riskscreen explain --config riskscreen.toml 张建国
              riskscreen explain --state state/riskscreen.sqlite 13857112345
            """)
        case .explainConfig:
            ("配置文件（TOML）：使用其中的状态库和地名库文件。", "Config file (TOML): its state store and gazetteer files are used.")
        case .explainState:
            ("状态库；默认取配置中的。", "State store; default the config's.")
        case .explainAsOf:
            ("解释所针对的日期；默认为上次运行的日期。", "Day to explain for; default the last run's.")
        case .idType:
            ("cn_id（默认）、passport 或 other。", "cn_id (default), passport or other.")
        case .explainPolicy:
            ("按此政策解释，而不是上次运行的政策。", "Explain under this policy instead of the last run's.")
        case .explainRegions:
            ("按此风险地区文件解释，而不是上次运行的。", "Explain under this rule file instead of the last run's.")
        case .explainWho:
            ("此人的证件号码、姓名或电话号码。", "The person's ID number, name or phone number.")

        case .historyAbstract:
            ("列出已提交的运行及其输入、风险地区文件的哈希和计数。", "List the committed runs with their inputs, rule-file hashes and counts.")
        case .historyDiscussion:
            ("示例：\n  riskscreen history --config riskscreen.toml\n  riskscreen history --state state/riskscreen.sqlite",
             "Example:\n  riskscreen history --config riskscreen.toml\n  riskscreen history --state state/riskscreen.sqlite")
        case .historyState:
            ("状态库；默认取配置中的。", "State store; default the config's.")
        case .historyConfig:
            ("配置文件（TOML）：使用其中的状态库。", "Config file (TOML): its state store is used.")

        case .diffAbstract:
            ("预览新的风险地区文件或政策相对于上次提交的运行会改变什么。", "Preview what a new rule file or policy would change against the last committed run.")
        case .diffDiscussion:
            ("""
            一次试运行：不提交任何内容，也不动 latest。按状态和措施、按社区计数，加 --list 时列出通知书本身（证件号码已脱敏）。给出 --out 时，预览的文件保留在 DIR/previews/ 下。

            示例：
              riskscreen diff --config riskscreen.toml --regions regions-new.csv --list
            """,
             """
            A dry run: commits nothing and leaves `latest` alone. Counts by status and action, per community, and (with --list) the notices themselves, IDs masked. With --out the preview's files are kept under DIR/previews/.

            Example:
              riskscreen diff --config riskscreen.toml --regions regions-new.csv --list
            """)
        case .diffAsOf:
            ("筛查日期；默认取配置中的，否则为今天。", "Day to screen for; default the config's, else today.")
        case .diffState:
            ("状态库；默认取配置中的。", "State store; default the config's.")
        case .diffOut:
            ("把预览的文件保留在 DIR/previews/ 下。", "Keep the preview's files under DIR/previews/.")
        case .diffList:
            ("列出每份新增、变更和撤销的通知书。", "List each new, amended and rescinded notice.")

        case .purgeAbstract:
            ("删除某日期之前已结束措施的行程和个人信息；保留计数。", "Delete stays and personal data of measures that ended before a date; counts are kept.")
        case .purgeDiscussion:
            ("""
            给出 --before，或给出含 retention_days 的 --config（截止日期为今天之前那么多天）。每次运行剩下的行程合并到一个文件中，每个身份只保留最新的一条：每晚运行都要合并所有存储的行程，所以每周清理一次可以让夜间运行不变慢。

            示例：
              riskscreen purge --config riskscreen.toml
              riskscreen purge --state state/riskscreen.sqlite --before 2020-01-01
            """,
             """
            Give --before, or --config with `retention_days` (the cut-off is that many days before today). What is left of every run's stays goes into one file, each identity's latest stay once: a night merges every stored run's stays, so a weekly purge keeps nights from slowing down.

            Example:
              riskscreen purge --config riskscreen.toml
              riskscreen purge --state state/riskscreen.sqlite --before 2020-01-01
            """)
        case .purgeState:
            ("状态库；默认取配置中的。", "State store; default the config's.")
        case .purgeBefore:
            ("删除在此日期之前结束的内容。", "Remove what ended before this day.")
        case .purgeConfig:
            ("含 state 和 retention_days 的配置文件。", "Config file with `state` and `retention_days`.")

        case .printAbstract:
            ("把某次运行的通知书批次发送到 CUPS 打印机，并报告每个作业编号。", "Send a run's notice batches to a CUPS printer and report each job id.")
        case .printDiscussion:
            ("""
            批次文件名为 notices-<社区代码>.pdf；batches/index.csv 列出每个文件的社区代码、社区名称、页数和通知书份数，所以 --community 可以是代码，也可以是名称。

            示例：
              riskscreen print --config riskscreen.toml --community 山水社区 --printer office
              riskscreen print --out out --run latest --community 330111004002 --printer office --copies 1
              riskscreen print --run out/runs/000002-2020-02-07 --all --printer office
            """,
             """
            Batch files are named notices-<community code>.pdf; batches/index.csv lists each file's community code and name, pages and notices, so --community takes a code or a name.

            Example:
              riskscreen print --config riskscreen.toml --community 山水社区 --printer office
              riskscreen print --out out --run latest --community 330111004002 --printer office --copies 1
              riskscreen print --run out/runs/000002-2020-02-07 --all --printer office
            """)
        case .printOut:
            ("各次运行的输出文件夹；默认取配置中的。", "Output folder of the runs; default the config's.")
        case .printConfig:
            ("配置文件（TOML）：使用其中的 out。", "Config file (TOML): its `out` is used.")
        case .printRun:
            ("latest、运行编号、runs/ 下的运行文件夹名，或运行文件夹的路径。", "`latest`, a run number, a run folder name under runs/, or a path to a run folder.")
        case .printCommunity:
            ("只打印这个社区的批次（代码或名称）。", "Print only this community's batch (code or name).")
        case .printAll:
            ("打印所有社区的批次。", "Print every community's batch.")
        case .printPrinter:
            ("CUPS 打印机（队列）名称。", "CUPS printer (queue) name.")
        case .printCopies:
            ("每个批次打印的份数。", "Copies of each batch.")

        case .generateAbstract:
            ("写出合成的居民和行程数据、风险地区文件和政策。", "Write synthetic residence and travel feeds, a rule file and a policy.")
        case .generateDiscussion:
            ("""
            相同的种子总是写出相同的字节。行程的安排使约 --flagged 比例的人在筛查日期有措施；--bad-rows 让该比例的数据行故意无效（身份证校验位错误、日期不存在、区划代码过短、字段数不对……），运行必须把它们列入 rejects.csv。

            示例（省级基准，约 1 GB CSV）：
              riskscreen generate --residents 2000000 --stays 10000000
                --designations 1500 --as-of 2020-02-06 --seed 7 --out bench/
            以及同一批人一个晚上的新行程，记录编号接在前者之后，行程以相同比例暴露（2% 的人，十倍的行程）：
              riskscreen generate --residents 2000000 --stays 1000000
                --designations 1500 --as-of 2020-02-06 --seed 7 --travel-seed 8
                --first-record 800000001 --flagged 0.002 --out night/
            """,
             """
            The same seed always writes the same bytes. Stays are placed so that about --flagged of all people get a measure on the as-of date; --bad-rows makes that share of feed rows invalid on purpose (bad ID check characters, impossible dates, short region codes, wrong field counts, ...), which the run must list in rejects.csv.

            Example (the province benchmark, about 1 GB of CSV):
              riskscreen generate --residents 2000000 --stays 10000000
                --designations 1500 --as-of 2020-02-06 --seed 7 --out bench/
            and a night's new travel of the same people, its record IDs after those, its stays exposed at the same rate (2% of people over ten times the stays):
              riskscreen generate --residents 2000000 --stays 1000000
                --designations 1500 --as-of 2020-02-06 --seed 7 --travel-seed 8
                --first-record 800000001 --flagged 0.002 --out night/
            """)
        case .generateResidents: ("residents.csv 中不同居民的人数。", "Distinct residents in residents.csv.")
        case .generateStays: ("所有行程数据文件的总行数。", "Rows across all travel feeds.")
        case .generateDesignations: ("regions.csv 的行数。", "Rows of regions.csv.")
        case .generateFlagged: ("行程产生措施的人所占比例。", "Share of people whose stays produce a measure.")
        case .generateAsOf: ("数据围绕的筛查日期。", "As-of date the data is built around.")
        case .generateSeed: ("生成器的种子。", "Seed of the generator.")
        case .generateBadRows: ("故意写成无效的数据行所占比例。", "Share of feed rows written invalid on purpose.")
        case .generateTravelFiles:
            ("行程数据文件的个数（rail、telecom、checkpoint、rail_2……）。", "Number of travel feeds (rail, telecom, checkpoint, rail_2, ...).")
        case .generateTravelSeed:
            ("只用于行程数据的种子（默认取 --seed）：同一批人另一个晚上的行程。", "Seed of the travel feeds alone (default: --seed): another night's travel of the same people.")
        case .generateFirstRecord:
            ("每个数据文件中第一条 record_id 的编号；较晚一晚的数据接在较早一晚之后，其行程累加。",
             "Number of the first record_id in each feed; a later night's data after an earlier one's, so its stays add to them.")
        case .generateShape:
            ("文件的样式：present（三个部门的导出）、clean（一个平台的数据，英文表头，ISO 日期）或 wide（人口普查式的居民数据，有额外的列和长地址）。",
             "Layout of the files: present (three agencies' exports), clean (one platform feed, English headers, ISO dates) or wide (census-style residents with extra columns and long addresses).")
        case .generateOut: ("写入的文件夹（需要时创建）。", "Folder to write into (created if needed).")

        case .rulesAbstract:
            ("制作、比较和检查风险地区文件：导入发布的公告、比较、检查。",
             "Make, compare and check risk-region rule files: import a published announcement, diff, check.")
        case .rulesDiscussion:
            ("""
            风险地区文件用代码（区划代码）、名称（地区名称）或两者写明每个地区，两者须一致。名称按地名库读取：riskscreen 自带的全国表、配置中的地名库文件（本区的街道和社区），以及状态库中居民的社区名称。docs/rule-files.md 说明了日期窗口。

            示例：
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
              riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
              riskscreen rules check regions-0207.csv --config riskscreen.toml
            """,
             """
            A rule file names each region by its code (区划代码), its name (地区名称), or both, which must agree. Names are read with the gazetteer: the national table shipped with riskscreen, the config's gazetteer files (a district's streets and communities), and the residents' community names from the state store. docs/rule-files.md explains the date windows.

            Examples:
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
              riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
              riskscreen rules check regions-0207.csv --config riskscreen.toml
            """)
        case .rulesConfig:
            ("配置文件（TOML）：使用其中的地名库文件、状态库和 as_of。", "Config file (TOML): its gazetteer files, state store and as_of are used.")
        case .rulesState:
            ("状态库，用于取居民的社区名称；默认取配置中的。", "State store, for the residents' community names; default the config's.")

        case .importAbstract:
            ("把发布的风险地区公告转为下一份风险地区文件。", "Turn a published risk-area announcement into the next rule file.")
        case .importDiscussion:
            ("""
            ANNOUNCEMENT 是发布的名单，粘贴到文本文件中（UTF-8 或 GB18030），或是由 --column 指定其中一列存放名称的 CSV 或 XLSX 文件。提到“高风险”“中风险”或“低风险”的行是标题，决定其后名称的等级；名称之间用换行、、 ， , ； ; 分隔；编号（1.  （1）  一、）会被忽略；“北京市：”这样的行是其后名称的前缀。

            给出 --previous 时，公告就是 --on 那天生效的完整名单：那天生效却未列出的地区在前一天结束（to = --on − 1）；列为其他等级的地区，其原行同样结束并新开一行；列为相同等级的地区保留原行；已结束的行保持原样。新行从 --from（默认 --on）开始，to 为空（仍然有效）。to 当天仍算生效。

            --from 早于 --on 时，新的划定会向前追溯：--from 取 --on 之前 14 天，就会把新划定地区最近 14 天的行程计入（被公告结束的行则在 --from 前一天结束）。

            每个名称都必须解析为地名库中的一个地区。有歧义的名称（鼓楼区）或末尾无法匹配的名称（地名库中没有的街道）会让导入以退出状态 2 停止，什么也不写，并列出各自所在行；--widen 则改为划定其上级地区，并把每个这样的行列为警告。写出的文件为带 BOM 的 UTF-8、中文表头、规范代码和全称；相同的输入得到相同的字节。

            示例：
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
              riskscreen rules import list.xlsx --column 地区 --on 2020-02-07 --from 2020-01-24 -o regions.csv
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv \\
                --config riskscreen.toml -o regions-0207.csv
            """,
             """
            ANNOUNCEMENT is the list as published, pasted into a text file (UTF-8 or GB18030), or a CSV or XLSX file whose column --column holds the names. A line mentioning 高风险, 中风险 or 低风险 is a heading that sets the level of the names after it; names are separated by line breaks, 、 ， , ； ; ; numbering (1.  （1）  一、) is ignored; a line such as 北京市： prefixes the names after it.

            With --previous, the announcement is the complete list in force on --on: a region in force on that day but not listed is closed the day before (to = --on − 1); a region listed at another level has its row closed the same way and a new row opened; a region listed at the same level keeps its row; rows that are over are kept as they were. New rows start on --from (default --on) with an empty to (still in force). `to` counts as a day in force.

            --from earlier than --on makes the new designations reach back: `--from` 14 days before --on counts the stays of the last 14 days in the newly declared areas (rows closed by the announcement then end the day before --from).

            Every name must resolve to one region of the gazetteer. An ambiguous name (鼓楼区) or one whose end matches nothing (a street the gazetteer lacks) stops the import with exit status 2 and nothing written, each listed with its line; --widen designates the enclosing region instead and lists each such row as a warning. The written file is UTF-8 with BOM, Chinese headers, canonical codes and full names; the same inputs give the same bytes.

            Examples:
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv -o regions-0207.csv
              riskscreen rules import list.xlsx --column 地区 --on 2020-02-07 --from 2020-01-24 -o regions.csv
              riskscreen rules import announcement.txt --on 2020-02-07 --previous regions.csv \\
                --config riskscreen.toml -o regions-0207.csv
            """)
        case .importAnnouncement:
            ("公告：文本文件，或配合 --column 的 CSV、XLSX 文件。", "The announcement: a text file, or a CSV or XLSX file with --column.")
        case .importOn: ("公告名单生效的日期。", "Day the announced list is in force.")
        case .importFrom: ("新划定的第一天；默认为 --on。", "First day of the new designations; default --on.")
        case .importPrevious: ("昨天的风险地区文件，据此结束、保留和新开各行。", "Yesterday's rule file, to close, keep and open rows against.")
        case .importColumn: ("CSV 或 XLSX 公告中存放名称那一列的表头。", "Header of the column holding the names, for a CSV or XLSX announcement.")
        case .importWiden:
            ("名称末尾不在地名库中时，划定其上级地区，并给出警告。", "Designate the enclosing region of a name whose end the gazetteer does not know, with a warning.")
        case .importVerbose: ("列出公告中没有作为名称读取的行。", "List the announcement's lines that were not read as names.")
        case .importOutput: ("要写出的风险地区文件。", "The rule file to write.")

        case .rulesDiffAbstract:
            ("比较两份风险地区文件：某日各等级新增、解除和调整的地区，然后逐行比较。",
             "Compare two rule files: regions added, lifted and changed per level on a day, then rows.")
        case .rulesDiffDiscussion:
            ("""
            两份文件都按运行的方式读取（名称按地名库确定）；无效的文件以退出状态 2 停止并列出每个错误行。日期默认取配置中的 as_of，否则为今天。

            示例：
              riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
            """,
             """
            Both files are read as a run reads them (names settled with the gazetteer); an invalid one exits 2 with every bad line. The day defaults to the config's as_of, else today.

            Example:
              riskscreen rules diff regions.csv regions-0207.csv --on 2020-02-07
            """)
        case .rulesDiffOld: ("之前的风险地区文件。", "The rule file before.")
        case .rulesDiffNew: ("之后的风险地区文件。", "The rule file after.")
        case .rulesDiffOn: ("比较哪一天生效的地区。", "Day to compare the regions in force on.")

        case .rulesCheckAbstract:
            ("按运行的方式检查风险地区文件，并列出某天生效的地区。", "Check a rule file as a run reads it, and list the regions in force on a day.")
        case .rulesCheckDiscussion:
            ("""
            每行用代码、名称或两者写明地区；两者须一致。名称按地名库解析（有歧义或未知的名称是错误，并列出候选）；名称为空时取自地名库。有效时退出状态为 0，否则为 2 并列出每个错误行。地名库只能部分核对的名称（全国表以下的街道）列为附注。

            示例：
              riskscreen rules check regions.csv --on 2020-02-07 --config riskscreen.toml
            """,
             """
            Each row names its region by code, name or both; both must agree. A name is resolved with the gazetteer (ambiguous or unknown names are errors listing candidates); an empty name is taken from it. Exit status 0 when valid, 2 with every bad line listed otherwise. Names the gazetteer can check only in part (a street below the national table) are listed as notes.

            Example:
              riskscreen rules check regions.csv --on 2020-02-07 --config riskscreen.toml
            """)
        case .rulesCheckFile: ("风险地区文件。", "The rule file.")
        case .rulesCheckOn:
            ("列出哪一天生效的地区；默认取配置中的 as_of，否则为今天。", "Day to list the regions in force on; default the config's as_of, else today.")
        }
    }
}
