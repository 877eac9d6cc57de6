/// Region names (SPEC 10): resolving a name, a name that disagrees with its code, announcements, the gazetteer.
public enum NameText: String, MessageEntry {
    case candidate, empty, ambiguous, unresolvedTailOne, unresolvedTailMany, closestInside, notFound, closest, widened
    case disagrees, differentUnit, differentUnitUnknown, stopsAbove, goesBelow, writtenCode, writtenUnit
    case preamble, summary, date, catchAll, closing, label, unknownPrefix, noLevel
    case added, lifted, changed, changedRegion, unchanged, noChange
    case levelConflict, levelListing, atLine
    case gazetteerMissing, gazetteerDamaged, gazetteerInvalidRows

    public static let area = "name"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .candidate:
            ("{name}（{code}）", "{name} ({code})")
        case .empty:
            ("地区名称为空；请填写地区名称或区划代码", "the region name is empty; write the region's name or its code")
        case .ambiguous:
            ("“{name}”有歧义，可指 {count} 个地区：{candidates}；请在前面写明所属省、市（如“{example}”）",
             "{name} is ambiguous: it names {count} regions, {candidates}; write the province or city before it ({example})")
        case .unresolvedTailOne:
            ("“{name}”：“{resolved}”即 {candidate}，但其中没有名为“{tail}”的地区{closest}；请更正名称，或在配置的 gazetteer 文件中补充本区的街道、社区；确需按上级地区划定时才使用 rules import --widen",
             "{name}: {resolved} is {candidate}, but nothing inside it is named {tail}{closest}; correct the name, or add the district's streets and communities to a gazetteer file of the config; a wider region is designated only on purpose (rules import --widen)")
        case .unresolvedTailMany:
            ("“{name}”：“{resolved}”可指 {count} 个地区（{candidates}），但其中都没有名为“{tail}”的地区；请更正名称，或在配置的 gazetteer 文件中补充本区的街道、社区；确需按上级地区划定时才使用 rules import --widen",
             "{name}: {resolved} names {count} regions ({candidates}), and nothing inside them is named {tail}; correct the name, or add the district's streets and communities to a gazetteer file of the config; a wider region is designated only on purpose (rules import --widen)")
        case .closestInside:
            ("；其中最接近的有：{candidates}", "; closest inside it: {candidates}")
        case .notFound:
            ("“{name}”：地名库中没有此名称{closest}；请更正名称，或将其加入配置的 gazetteer 文件",
             "{name}: no region of the gazetteer has this name{closest}; correct the name or add it to a gazetteer file of the config")
        case .closest:
            ("；最接近的有：{candidates}", "; closest: {candidates}")
        case .widened:
            ("“{name}”按 {region}划定，范围大于原文：其中没有名为“{tail}”的地区",
             "{name} designated as {region}, wider than written: nothing inside it is named {tail}")
        case .disagrees:
            ("地区名称“{name}”与区划代码 {code}（{code_name}）不一致：{why}",
             "region_name {name} does not agree with region_code {code} ({code_name}): {why}")
        case .differentUnit:
            ("名称中的“{written}”{what}处，该代码的{level}地区是 {expected}；请更正代码或名称",
             "it has {written}{what} where the code's {level} is {expected}; correct the code or the name")
        case .differentUnitUnknown:
            ("“{written}”{what}不是该代码的地区；请更正代码或名称", "{written}{what} is not this code; correct the code or the name")
        case .stopsAbove:
            ("名称只写到上级地区，范围大于该代码；请写全名称“{code_name}”，或改用名称所指地区的代码",
             "the name stops above the code's level, so it names a wider region; write the full name {code_name} or use the code of the region the name means")
        case .goesBelow:
            ("“{written}”{what}在该代码的地区之下，代码划定的范围大于名称；请改用其代码{code_of}，或从名称中删去",
             "{written}{what} lies below the code, so the code designates a wider region than the name; use the code of {written}{code_of} or drop it from the name")
        case .writtenCode:
            ("（{code}）", " ({code})")
        case .writtenUnit:
            ("（{candidate}）", " ({candidate})")

        case .preamble:
            ("在第一个标题之前，未读取：{text}", "before the first heading, not read: {text}")
        case .summary:
            ("含多个风险等级，视为汇总说明：{text}", "names several levels, read as a summary: {text}")
        case .date:
            ("日期，不是地名：{text}", "a date, not a name: {text}")
        case .catchAll:
            ("“{text}”不指具体地区；未列出的地区不划定", "{text} names no region; regions not listed are not designated")
        case .closing:
            ("在“其他地区”之后，视为落款：{text}", "after \"everywhere else\", read as the closing: {text}")
        case .label:
            ("说明文字，不是地名：{text}", "a label, not a place: {text}")
        case .unknownPrefix:
            ("“{text}”是下列地名的前缀，但地名库中没有此地区；请更正，或将其加入配置的 gazetteer 文件",
             "{text} heads the names below it, but the gazetteer has no such region; correct it or add it to a gazetteer file of the config")
        case .noLevel:
            ("“{text}”在汇总说明之后、任何标题之前，没有风险等级；请放在“高风险/中风险/低风险”标题之下",
             "{text} comes after a summary line and before any heading, so it has no level; put it under 高风险/中风险/低风险")

        case .added:
            ("新增{level}地区 {count} 个：{regions}", "added, {level} ({count}): {regions}")
        case .lifted:
            ("解除{level}地区 {count} 个：{regions}", "lifted, {level} ({count}): {regions}")
        case .changed:
            ("调整为{level}地区 {count} 个：{regions}", "changed to {level} ({count}): {regions}")
        case .changedRegion:
            ("{region}{before} → {after}", "{region} {before} → {after}")
        case .unchanged:
            ("{day} 等级未变的地区 {count} 个", "{count} {count?region|regions} unchanged on {day}")
        case .noChange:
            ("{day} 无变化，{count} 个地区等级未变", "no change on {day}; {count} {count?region|regions} unchanged")

        case .levelConflict:
            ("{region}同时列为{listings}；按最高的{highest}划定，如有误请更正公告",
             "{region} is listed at {listings}; designated {highest}, the highest; correct the announcement if that is wrong")
        case .atLine:
            ("第 {line} 行：{text}", "line {line}: {text}")
        case .levelListing:
            ("{level}（第 {line} 行）", "{level} (line {line})")

        case .gazetteerMissing:
            ("全国地名库（程序旁 riskscreen_Normalize.resources 中或 share/riskscreen/ 下的 gazetteer.csv）缺失；请连同资源文件夹一起安装 riskscreen",
             "the national gazetteer (gazetteer.csv in riskscreen_Normalize.resources beside the program, or share/riskscreen/) is missing; install riskscreen together with its resources folder")
        case .gazetteerDamaged:
            ("gazetteer.csv:{line}：{reason}；全国地名库已损坏，请重新安装 riskscreen 或运行 scripts/refresh-gazetteer.py",
             "gazetteer.csv:{line}: {reason}; the national gazetteer is damaged, reinstall riskscreen or run scripts/refresh-gazetteer.py")
        case .gazetteerInvalidRows:
            ("{file}：地名库文件中有 {count} 行无效；请改正这些行后重新运行：\n{rows}",
             "{file}: {count} invalid {count?row|rows} in a gazetteer file; fix these lines and run again:\n{rows}")
        }
    }
}
