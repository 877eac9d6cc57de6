/// `riskscreen generate`: its options' limits and its report.
public enum GenerateText: String, MessageEntry {
    case invalidOption, cannotWrite, policy
    case range, countAtLeastZero, countAtLeastOne, fraction, roomForRecords, yearRange
    case fileReport, totals

    public static let area = "generate"

    public var texts: (chinese: String, english: String) {
        switch self {
        case .invalidOption: ("--{name} {value}：应为{expected}", "--{name} {value}: expected {expected}")
        case .cannotWrite:
            ("{path}：无法写入（{reason}）；请确认输出文件夹存在且可写", "{path}: cannot write ({reason}); check that the output folder exists and is writable")
        case .policy:
            ("生成器自带的政策无法解析（{reason}）；这是 riskscreen 的缺陷，请报告", "the generator's policy does not parse ({reason}); this is a defect of riskscreen, please report it")
        case .range: (" {range}", " {range}")
        case .countAtLeastZero: ("不小于 0 的数", "a count ≥ 0")
        case .countAtLeastOne: ("不小于 1 的数", "a count ≥ 1")
        case .fraction: ("0 到 1 之间的比例", "a fraction in 0...1")
        case .roomForRecords: ("从 1 开始、能容下 {stays} 个十位 record_id 的编号", "a number from 1 that leaves room for {stays} ten-digit record IDs")
        case .yearRange: ("1990 到 2100 年之间的日期", "a date between 1990 and 2100")
        case .fileReport: ("{file}：{rows} 行，其中无效 {bad} 行，{bytes} 字节", "{file}: {rows} rows, {bad} bad, {bytes} bytes")
        case .totals:
            ("重复的居民行 {duplicates}，更正 {corrections}，暴露的行程 {exposing}，外来人员 {visitors}；{seconds} 秒",
             "{duplicates} duplicate resident rows, {corrections} corrections, {exposing} exposing stays, {visitors} visitors; {seconds} s")
        }
    }
}
