import Lifecycle
import RiskModel

/// `report.html`: one self-contained page a data officer opens in a browser to see what a run did.
///
/// No network, scripts or web fonts: inline CSS and SVG drawn here. The bytes depend only on the
/// values given, so a rerun gives the same file apart from the timings table.
struct RunReport {
    /// The last committed run before this one, which the statuses are relative to.
    struct PreviousRun: Sendable, Hashable {
        var id: Int64
        var asOf: String
    }

    var manifest: Manifest
    var notices: [Notice]
    var rescissions: [Rescission]
    var releases: [Release] = []
    var rejects: [Reject]
    var previous: PreviousRun?

    /// How many reasons and example records are shown per feed.
    static let topReasons = 5
    static let examplesPerFeed = 3
    /// Stages in pipeline order, for the timings table; unknown stages follow, sorted.
    static let stageOrder = ["rules", "ingest", "load", "screen", "names", "lifecycle", "follow-up", "emit", "commit"]
    static let stageNames = ["rules": "规则读取", "ingest": "数据读取", "load": "加载存量", "screen": "筛查", "names": "地名", "lifecycle": "状态比对",
                             "follow-up": "送达跟进", "emit": "输出生成", "commit": "提交发布"]
    static let kindNames = ["travel": "行程数据", "residents": "户籍/居住数据"]
    static let unassignedName = "未落地"

    /// The whole page.
    func html() -> String {
        var h = HTML()
        let title = "风险筛查运行报告 \(manifest.asOf)"
        h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        h.text(title)
        h.raw("</title>\n<style>\n\(RunReport.css)</style>\n</head>\n<body>\n")
        header(&h)
        rules(&h)
        inputs(&h)
        measures(&h)
        papers(&h)
        exposures(&h)
        communityChart(&h)
        endingChart(&h)
        changes(&h)
        delivery(&h)
        rejectSection(&h)
        timings(&h)
        h.raw("</body>\n</html>\n")
        return h.text
    }

    // MARK: Sections

    private func header(_ h: inout HTML) {
        h.raw("<header>\n<h1>")
        h.text("风险筛查运行报告")
        if manifest.dryRun { h.raw(" <span class=\"preview\">预览（未提交）</span>") }
        h.raw("</h1>\n<p class=\"meta\">")
        h.text("筛查日期 \(manifest.asOf) · 运行编号 \(manifest.run) · \(manifest.program.name) \(manifest.program.version)")
        h.raw("</p>\n<div class=\"cards\">\n")
        let status = manifest.counts.byStatus
        let cards: [(String, Int, String)] = [
            ("在管措施", manifest.counts.measures, "total"),
            (NoticeStatus.new.chinese, status[NoticeStatus.new.rawValue, default: 0], "new"),
            (NoticeStatus.amended.chinese, status[NoticeStatus.amended.rawValue, default: 0], "amended"),
            (NoticeStatus.continuing.chinese, status[NoticeStatus.continuing.rawValue, default: 0], "continuing"),
            ("今日期满", manifest.counts.endingToday, "ending"),
            ("撤销", manifest.counts.rescinded, "rescinded"),
            ("期满解除", manifest.counts.released, "released"),
            ("超期未送达", manifest.counts.delivery.overdue, "overdue"),
            ("拒收记录", manifest.counts.rejects, "rejects"),
        ]
        for (label, value, kind) in cards {
            h.raw("<div class=\"card \(kind)\"><div class=\"value\">\(HTML.count(value))</div><div class=\"label\">")
            h.text(label)
            h.raw("</div></div>\n")
        }
        h.raw("</div>\n</header>\n")
    }

    private func rules(_ h: inout HTML) {
        h.raw("<section id=\"rules\">\n<h2>政策与规则文件</h2>\n<table>\n<thead><tr><th>项目</th><th>名称</th><th>文件</th><th>SHA-256</th></tr></thead>\n<tbody>\n")
        let rows: [(String, String, Manifest.RuleInput)] = [
            ("政策", manifest.policy.name ?? "", manifest.policy),
            ("风险地区", manifest.regions.designations.map { "\(HTML.count($0)) 条认定" } ?? "", manifest.regions),
        ]
        for (label, name, input) in rows {
            h.raw("<tr><th>")
            h.text(label)
            h.raw("</th><td>")
            h.text(name)
            h.raw("</td><td class=\"path\">")
            h.text(input.file)
            h.raw("</td><td class=\"hash\">")
            h.text(input.sha256)
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n</section>\n")
    }

    private func inputs(_ h: inout HTML) {
        h.raw("<section id=\"inputs\">\n<h2>输入数据</h2>\n")
        guard !manifest.inputs.isEmpty else {
            h.raw("<p class=\"empty\">本次运行未读入新的数据文件，沿用已存数据。</p>\n</section>\n")
            return
        }
        h.raw("<table>\n<thead><tr><th>类别</th><th>数据源</th><th>文件</th><th>编码</th><th class=\"n\">字节</th><th class=\"n\">读取</th>")
        h.raw("<th class=\"n\">接收</th><th class=\"n\">拒收</th><th class=\"n\">重复</th><th class=\"n\">电话置空</th><th>SHA-256</th></tr></thead>\n<tbody>\n")
        for input in manifest.inputs {
            h.raw("<tr><td>")
            h.text(RunReport.kindNames[input.kind] ?? input.kind)
            h.raw("</td><td>")
            h.text(input.feed)
            h.raw("</td><td class=\"path\">")
            h.text(input.file)
            h.raw("</td><td>")
            h.text(input.encoding)
            h.raw("</td>")
            for n in [input.bytes, input.read, input.accepted, input.rejected, input.duplicates, input.phonesBlanked] {
                h.raw("<td class=\"n\">\(HTML.count(n))</td>")
            }
            h.raw("<td class=\"hash\">")
            h.text(input.sha256)
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n</section>\n")
    }

    private func measures(_ h: inout HTML) {
        h.raw("<section id=\"measures\">\n<h2>措施：按类别与状态</h2>\n<table>\n<thead><tr><th>措施</th>")
        for s in NoticeStatus.allCases { h.raw("<th class=\"n\">\(s.chinese)</th>") }
        h.raw("<th class=\"n\">合计</th></tr></thead>\n<tbody>\n")
        var grid: [Action: [NoticeStatus: Int]] = [:]
        // By index: a notice taken out of the array whole is a retain and release of each of its texts.
        for i in notices.indices { grid[notices[i].measure.action, default: [:]][notices[i].status, default: 0] += 1 }
        var columnTotals: [NoticeStatus: Int] = [:]
        for action in Action.allCases.reversed() where action != .none {
            let row = grid[action, default: [:]]
            h.raw("<tr><th>")
            h.text(action.chinese)
            h.raw("</th>")
            for s in NoticeStatus.allCases {
                h.raw("<td class=\"n\">\(HTML.count(row[s, default: 0]))</td>")
                columnTotals[s, default: 0] += row[s, default: 0]
            }
            h.raw("<td class=\"n total\">\(HTML.count(row.values.reduce(0, +)))</td></tr>\n")
        }
        h.raw("<tr class=\"sum\"><th>合计</th>")
        for s in NoticeStatus.allCases { h.raw("<td class=\"n\">\(HTML.count(columnTotals[s, default: 0]))</td>") }
        h.raw("<td class=\"n total\">\(HTML.count(notices.count))</td></tr>\n</tbody>\n</table>\n")
        h.raw("<p class=\"note\">")
        h.text("另有撤销 \(HTML.count(rescissions.count)) 人（此前在管、本次不再符合条件），期满解除 \(HTML.count(releases.count)) 人。")
        h.raw("</p>\n</section>\n")
    }

    /// What is printed tonight and what is only listed (SPEC 7), and why amended and rescinded notices changed.
    private func papers(_ h: inout HTML) {
        h.raw("<section id=\"papers\">\n<h2>本次印发与结案</h2>\n<table>\n<thead><tr><th>类别</th><th class=\"n\">份数/人数</th><th>说明</th></tr></thead>\n<tbody>\n")
        let c = manifest.counts
        let listedOnly = releases.count - c.releaseNotices
        let rows: [(String, Int, String)] = [
            ("管控通知书", c.noticesPrinted, "新增、变更且截止日期在筛查日之后的措施，按社区印发"),
            ("今日期满", c.endingToday, "截止日期为筛查日的措施：列入工作清单并标注，不印发通知书"),
            ("撤销通知", c.rescissionNotices, "此前在管、本次不再符合条件的人员，每人一份，说明撤销原因"),
            ("解除告知书", c.releaseNotices, "措施期满自然结束、曾印发通知书的人员，每人一份，注明原通知书编号"),
            ("期满解除（仅列入清单）", listedOnly, "从未印发通知书（如当日期满、未落地人员），仅列入 released.csv"),
        ]
        for (label, value, note) in rows {
            h.raw("<tr><th>")
            h.text(label)
            h.raw("</th><td class=\"n\">\(HTML.count(value))</td><td>")
            h.text(note)
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n")
        var causes: [String: Int] = [:]
        for i in notices.indices where notices[i].status == .amended {
            causes[notices[i].changes.amendmentReason, default: 0] += 1
        }
        var rescinded: [String: Int] = [:]
        for r in rescissions { rescinded[r.reason, default: 0] += 1 }
        for (title, counts) in [("变更原因", causes), ("撤销原因", rescinded)] where !counts.isEmpty {
            h.raw("<table class=\"causes\">\n<thead><tr><th>")
            h.text(title)
            h.raw("</th><th class=\"n\">人数</th></tr></thead>\n<tbody>\n")
            for (reason, n) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                h.raw("<tr><td>")
                h.text(reason)
                h.raw("</td><td class=\"n\">\(HTML.count(n))</td></tr>\n")
            }
            h.raw("</tbody>\n</table>\n")
        }
        h.raw("</section>\n")
    }

    /// Measures by designated region and how the stays met it, worded as SPEC 6 allows: a coarse exposure says
    /// only that the stay is known at a region containing the designated one.
    private func exposures(_ h: inout HTML) {
        h.raw("<section id=\"exposures\">\n<h2>暴露情况：按风险地区</h2>\n")
        struct Row { var name: String; var level: RiskLevel; var direct = 0; var coarse = 0 }
        var rows: [RegionCode: Row] = [:]
        for i in notices.indices {
            let m = notices[i].measure
            var row = rows[m.region] ?? Row(name: m.regionName.isEmpty ? m.region.canonical : m.regionName, level: m.designatedLevel)
            row.level = max(row.level, m.designatedLevel)
            if m.exposure == .direct { row.direct += 1 } else { row.coarse += 1 }
            rows[m.region] = row
        }
        guard !rows.isEmpty else {
            h.raw("<p class=\"empty\">无在管措施。</p>\n</section>\n")
            return
        }
        h.raw("<table>\n<thead><tr><th>风险地区</th><th>代码</th><th>等级</th><th class=\"n\">停留地在该地区内</th>")
        h.raw("<th class=\"n\">行程仅知其上级地区</th><th class=\"n\">合计</th></tr></thead>\n<tbody>\n")
        for code in rows.keys.sorted() {
            guard let row = rows[code] else { continue }
            h.raw("<tr><td>")
            h.text(row.name)
            h.raw("</td><td class=\"code\">")
            h.text(code.twelveDigits)
            h.raw("</td><td>")
            h.text(row.level.chinese)
            h.raw("</td><td class=\"n\">\(HTML.count(row.direct))</td><td class=\"n\">\(HTML.count(row.coarse))</td>")
            h.raw("<td class=\"n total\">\(HTML.count(row.direct + row.coarse))</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n<p class=\"note\">")
        h.text("“行程仅知其上级地区”：停留记录只精确到包含该风险地区的上级地区（如只知到过某省），不表示本人到过该风险地区；措施按政策规定的粗略等级执行。")
        h.raw("</p>\n</section>\n")
    }

    /// Horizontal bars, one per community with measures in force (unassigned last), stacked by action.
    private func communityChart(_ h: inout HTML) {
        h.raw("<section id=\"communities\">\n<h2>各社区在管措施</h2>\n")
        let rows = manifest.communities.filter { $0.measures > 0 }
        guard !rows.isEmpty else {
            h.raw("<p class=\"empty\">无在管措施。</p>\n</section>\n")
            return
        }
        let labelWidth = 240.0, chartWidth = 640.0, countWidth = 70.0, rowHeight = 26.0, top = 8.0
        let width = labelWidth + chartWidth + countWidth
        let height = top * 2 + rowHeight * Double(rows.count) + 24
        let maxValue = max(rows.map(\.measures).max() ?? 1, 1)
        let actions = Action.allCases.reversed().filter { $0 != .none }
        h.raw("<svg class=\"chart\" id=\"community-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n")
        h.raw("<title>各社区在管措施人数</title>\n")
        for (i, c) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            let name = c.code.isEmpty ? RunReport.unassignedName : c.name
            h.raw("<g class=\"bar\" data-community=\"")
            h.text(c.code)
            h.raw("\" data-measures=\"\(c.measures)\">")
            h.raw("<text class=\"label\" x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight * 0.65))\" text-anchor=\"end\">")
            h.text(name)
            h.raw("</text>")
            var x = labelWidth
            for action in actions {
                let n = c.byAction[action.code, default: 0]
                guard n > 0 else { continue }
                let w = chartWidth * Double(n) / Double(maxValue)
                h.raw("<rect class=\"segment \(action.code)\" x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 8))\"><title>")
                h.text("\(name) \(action.chinese) \(n)")
                h.raw("</title></rect>")
                x += w
            }
            h.raw("<text class=\"count\" x=\"\(f(x + 6))\" y=\"\(f(y + rowHeight * 0.65))\">\(HTML.count(c.measures))</text></g>\n")
        }
        let axisY = top + rowHeight * Double(rows.count) + 4
        h.raw("<line class=\"axis\" x1=\"\(f(labelWidth))\" y1=\"\(f(top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(axisY))\"/>\n")
        h.raw("</svg>\n")
        legend(&h, actions)
        h.raw("</section>\n")
    }

    /// Vertical bars: how many measures end (`until`) on each day from the as-of date on — the days grid workers release people.
    private func endingChart(_ h: inout HTML) {
        h.raw("<section id=\"ending\">\n<h2>未来每日解除人数（网格员工作量）</h2>\n")
        guard let asOf = Day(iso: manifest.asOf), let last = notices.indices.lazy.map({ notices[$0].measure.until }).max(), last >= asOf else {
            h.raw("<p class=\"empty\">无在管措施。</p>\n</section>\n")
            return
        }
        var byDay: [Int32: [Action: Int]] = [:]
        for i in notices.indices where notices[i].measure.until >= asOf {
            byDay[notices[i].measure.until.number, default: [:]][notices[i].measure.action, default: 0] += 1
        }
        let days = (0...(last - asOf)).map { asOf + $0 }
        let totals = days.map { byDay[$0.number, default: [:]].values.reduce(0, +) }
        let maxValue = max(totals.max() ?? 1, 1)
        let left = 40.0, bottom = 40.0, top = 20.0, plotHeight = 220.0
        let slot = max(24.0, min(56.0, 880.0 / Double(days.count)))
        let width = left + slot * Double(days.count) + 10, height = top + plotHeight + bottom
        let actions = Action.allCases.reversed().filter { $0 != .none }
        h.raw("<svg class=\"chart\" id=\"ending-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n")
        h.raw("<title>每日到期解除的措施数</title>\n")
        let baseY = top + plotHeight
        for (i, day) in days.enumerated() {
            let x = left + slot * Double(i)
            let (_, month, dayOfMonth) = day.components
            h.raw("<g class=\"day\" data-day=\"\(day.description)\" data-measures=\"\(totals[i])\">")
            var y = baseY
            for action in actions {
                let n = byDay[day.number, default: [:]][action, default: 0]
                guard n > 0 else { continue }
                let bh = plotHeight * Double(n) / Double(maxValue)
                y -= bh
                h.raw("<rect class=\"segment \(action.code)\" x=\"\(f(x + slot * 0.15))\" y=\"\(f(y))\" width=\"\(f(slot * 0.7))\" height=\"\(f(bh))\"><title>")
                h.text("\(day.description) \(action.chinese) \(n)")
                h.raw("</title></rect>")
            }
            if totals[i] > 0 {
                h.raw("<text class=\"count\" x=\"\(f(x + slot / 2))\" y=\"\(f(y - 4))\" text-anchor=\"middle\">\(totals[i])</text>")
            }
            h.raw("<text class=\"tick\" x=\"\(f(x + slot / 2))\" y=\"\(f(baseY + 16))\" text-anchor=\"middle\">\(month)/\(dayOfMonth)</text></g>\n")
        }
        h.raw("<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(baseY))\" x2=\"\(f(width - 10))\" y2=\"\(f(baseY))\"/>\n")
        h.raw("<text class=\"tick\" x=\"\(f(left - 6))\" y=\"\(f(top + 4))\" text-anchor=\"end\">\(maxValue)</text>\n")
        h.raw("</svg>\n")
        legend(&h, actions)
        h.raw("<p class=\"note\">措施在截止日（含）仍有效，次日解除。</p>\n</section>\n")
    }

    private func changes(_ h: inout HTML) {
        h.raw("<section id=\"changes\">\n<h2>与上次提交运行相比的变化</h2>\n<p class=\"meta\">")
        if let previous {
            h.text("对比：运行 \(previous.id)（筛查日期 \(previous.asOf)）")
        } else {
            h.text("此前无已提交的运行：全部为新增。")
        }
        h.raw("</p>\n")
        guard !manifest.communities.isEmpty else {
            h.raw("<p class=\"empty\">无变化。</p>\n</section>\n")
            return
        }
        h.raw("<table>\n<thead><tr><th>社区</th><th>代码</th>")
        for s in NoticeStatus.allCases { h.raw("<th class=\"n\">\(s.chinese)</th>") }
        h.raw("<th class=\"n\">今日期满</th><th class=\"n\">撤销</th><th class=\"n\">期满解除</th><th class=\"n\">在管合计</th></tr></thead>\n<tbody>\n")
        for c in manifest.communities {
            h.raw("<tr><td>")
            h.text(c.code.isEmpty ? RunReport.unassignedName : c.name)
            h.raw("</td><td class=\"code\">")
            h.text(c.code)
            h.raw("</td>")
            for s in NoticeStatus.allCases {
                let n = c.byStatus[s.rawValue, default: 0]
                h.raw("<td class=\"n\(n > 0 && s != .continuing ? " changed" : "")\">\(HTML.count(n))</td>")
            }
            h.raw("<td class=\"n\">\(HTML.count(c.endingToday))</td>")
            h.raw("<td class=\"n\(c.rescinded > 0 ? " changed" : "")\">\(HTML.count(c.rescinded))</td>")
            h.raw("<td class=\"n\(c.released > 0 ? " changed" : "")\">\(HTML.count(c.released))</td><td class=\"n total\">\(HTML.count(c.measures))</td></tr>\n")
        }
        h.raw("</tbody>\n</table>\n</section>\n")
    }

    /// The delivery states in the order the chart stacks them and the table lists them.
    static let deliveryStates: [DeliveryState] = [.delivered, .refused, .notFound, .left, .pending, .overdue]

    /// Per community, how the printed notices in force stand (SPEC 8): a stacked bar each, the numbers in a table.
    private func delivery(_ h: inout HTML) {
        h.raw("<section id=\"delivery\">\n<h2>通知送达与跟进</h2>\n")
        let rows = manifest.communities.filter { $0.delivery.issued > 0 }
        guard !rows.isEmpty else {
            h.raw("<p class=\"empty\">无需送达的通知。</p>\n</section>\n")
            return
        }
        let labelWidth = 240.0, chartWidth = 640.0, countWidth = 70.0, rowHeight = 26.0, top = 8.0
        let width = labelWidth + chartWidth + countWidth
        let height = top * 2 + rowHeight * Double(rows.count) + 8
        let maxValue = max(rows.map(\.delivery.issued).max() ?? 1, 1)
        h.raw("<svg class=\"chart\" id=\"delivery-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n")
        h.raw("<title>各社区通知送达情况</title>\n")
        for (i, c) in rows.enumerated() {
            let y = top + rowHeight * Double(i)
            let name = c.code.isEmpty ? RunReport.unassignedName : c.name
            h.raw("<g class=\"delivery-bar\" data-community=\"")
            h.text(c.code)
            h.raw("\" data-issued=\"\(c.delivery.issued)\"")
            for state in RunReport.deliveryStates { h.raw(" data-\(state.rawValue.replacingOccurrences(of: "_", with: "-"))=\"\(c.delivery.count(state))\"") }
            h.raw("><text class=\"label\" x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight * 0.65))\" text-anchor=\"end\">")
            h.text(name)
            h.raw("</text>")
            var x = labelWidth
            for state in RunReport.deliveryStates {
                let n = c.delivery.count(state)
                guard n > 0 else { continue }
                let w = chartWidth * Double(n) / Double(maxValue)
                h.raw("<rect class=\"segment d-\(state.rawValue)\" x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 8))\"><title>")
                h.text("\(name) \(state.chinese) \(n)")
                h.raw("</title></rect>")
                x += w
            }
            h.raw("<text class=\"count\" x=\"\(f(x + 6))\" y=\"\(f(y + rowHeight * 0.65))\">\(HTML.count(c.delivery.issued))</text></g>\n")
        }
        h.raw("<line class=\"axis\" x1=\"\(f(labelWidth))\" y1=\"\(f(top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(height - top))\"/>\n</svg>\n")
        h.raw("<p class=\"legend\">")
        for state in RunReport.deliveryStates {
            h.raw("<span><i class=\"swatch d-\(state.rawValue)\"></i>")
            h.text(state.chinese)
            h.raw("</span>")
        }
        h.raw("</p>\n<table id=\"delivery-table\">\n<thead><tr><th>社区</th><th>代码</th><th class=\"n\">已发通知</th>")
        for state in RunReport.deliveryStates {
            h.raw("<th class=\"n\">")
            h.text(state.chinese)
            h.raw("</th>")
        }
        h.raw("</tr></thead>\n<tbody>\n")
        func cells(_ counts: DeliveryCounts) {
            h.raw("<td class=\"n\">\(HTML.count(counts.issued))</td>")
            for state in RunReport.deliveryStates {
                let n = counts.count(state)
                h.raw("<td class=\"n\(n > 0 && state.needsAction ? " changed" : "")\">\(HTML.count(n))</td>")
            }
        }
        for c in rows {
            h.raw("<tr><td>")
            h.text(c.code.isEmpty ? RunReport.unassignedName : c.name)
            h.raw("</td><td class=\"code\">")
            h.text(c.code)
            h.raw("</td>")
            cells(c.delivery)
            h.raw("</tr>\n")
        }
        h.raw("<tr class=\"sum\"><th>合计</th><td></td>")
        cells(manifest.counts.delivery)
        h.raw("</tr>\n</tbody>\n</table>\n<p class=\"note\">")
        h.text("已发通知：在管措施的通知（未落地人员由热线告知；筛查日当日期满、不印发的除外）。超期：签发后超过 \(manifest.deliveryDays) 个筛查日仍无送达结果。拒收、查无此人、已离开本地和超期的通知列于 followup.csv。")
        h.raw("</p>\n</section>\n")
    }

    private func rejectSection(_ h: inout HTML) {
        h.raw("<section id=\"rejects\">\n<h2>拒收记录</h2>\n")
        guard !rejects.isEmpty else {
            h.raw("<p class=\"empty\">无拒收记录。</p>\n</section>\n")
            return
        }
        h.raw("<p class=\"note\">完整清单见 rejects.csv；以下身份证号、手机号已脱敏。</p>\n")
        var feeds: [String] = []
        var byFeed: [String: [Reject]] = [:]
        for r in rejects {
            if byFeed[r.feed] == nil { feeds.append(r.feed) }
            byFeed[r.feed, default: []].append(r)
        }
        for feed in feeds {
            let list = byFeed[feed, default: []]
            h.raw("<div class=\"feed\" data-feed=\"")
            h.text(feed)
            h.raw("\">\n<h3>")
            h.text("\(feed)：\(HTML.count(list.count)) 条")
            h.raw("</h3>\n<table class=\"reasons\">\n<thead><tr><th>字段</th><th>原因</th><th class=\"n\">条数</th></tr></thead>\n<tbody>\n")
            var counts: [String: (column: String, reason: String, count: Int)] = [:]
            for r in list {
                let reason = RunReport.reasonPattern(IDRedaction.redact(r.reason, phones: true))
                counts[r.column + "\u{1F}" + reason, default: (r.column, reason, 0)].count += 1
            }
            let top = counts.values.sorted {
                $0.count != $1.count ? $0.count > $1.count : ($0.column, $0.reason) < ($1.column, $1.reason)
            }
            for entry in top.prefix(RunReport.topReasons) {
                h.raw("<tr><td class=\"code\">")
                h.text(entry.column.isEmpty ? "（整行）" : entry.column)
                h.raw("</td><td>")
                h.text(entry.reason)
                h.raw("</td><td class=\"n\">\(HTML.count(entry.count))</td></tr>\n")
            }
            if top.count > RunReport.topReasons {
                let rest = top.dropFirst(RunReport.topReasons).reduce(0) { $0 + $1.count }
                h.raw("<tr class=\"more\"><td></td><td>")
                h.text("其他 \(top.count - RunReport.topReasons) 种原因")
                h.raw("</td><td class=\"n\">\(HTML.count(rest))</td></tr>\n")
            }
            h.raw("</tbody>\n</table>\n<table class=\"examples\">\n<thead><tr><th>位置</th><th>字段</th><th>原因</th><th>原始记录</th></tr></thead>\n<tbody>\n")
            for r in list.prefix(RunReport.examplesPerFeed) {
                h.raw("<tr><td class=\"path\">")
                h.text("\(lastComponent(r.file)):\(r.line)")
                h.raw("</td><td class=\"code\">")
                h.text(r.column)
                h.raw("</td><td>")
                h.text(IDRedaction.redact(r.reason, phones: true))
                h.raw("</td><td class=\"raw\">")
                h.text(IDRedaction.redact(r.raw, phones: true))
                h.raw("</td></tr>\n")
            }
            h.raw("</tbody>\n</table>\n</div>\n")
        }
        h.raw("</section>\n")
    }

    /// The only part that differs between identical reruns.
    private func timings(_ h: inout HTML) {
        h.raw("<footer id=\"timings\">\n<h2>耗时</h2>\n<table>\n<tbody>\n")
        let known = RunReport.stageOrder.filter { manifest.timings[$0] != nil }
        let others = manifest.timings.keys.filter { !RunReport.stageOrder.contains($0) }.sorted()
        var total = 0.0
        for stage in known + others {
            let seconds = manifest.timings[stage] ?? 0
            total += seconds
            h.raw("<tr><th>")
            h.text(RunReport.stageNames[stage] ?? stage)
            h.raw("</th><td class=\"n\">\(HTML.decimal(seconds, places: 3)) 秒</td></tr>\n")
        }
        h.raw("<tr class=\"sum\"><th>合计</th><td class=\"n\">\(HTML.decimal(total, places: 3)) 秒</td></tr>\n</tbody>\n</table>\n</footer>\n")
    }

    // MARK: Helpers

    private func legend(_ h: inout HTML, _ actions: [Action]) {
        h.raw("<p class=\"legend\">")
        for action in actions {
            h.raw("<span><i class=\"swatch \(action.code)\"></i>")
            h.text(action.chinese)
            h.raw("</span>")
        }
        h.raw("</p>\n")
    }

    /// A reason with its long numbers (dates, digit strings) shown as `…`, so rejects for the same cause count together.
    static func reasonPattern(_ reason: String) -> String {
        var out = "", digits = ""
        func flush() {
            out += digits.count >= 6 ? "…" : digits
            digits = ""
        }
        for c in reason.unicodeScalars {
            if c.properties.numericType != nil, c.isASCII { digits.unicodeScalars.append(c) } else { flush(); out.unicodeScalars.append(c) }
        }
        flush()
        return out
    }

    private func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// SVG coordinates with one decimal, locale-free.
    private func f(_ x: Double) -> String { HTML.decimal(x, places: 1) }

    static let css = """
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN", "Microsoft YaHei", "PingFang SC", sans-serif;
               margin: 24px; color: #1f2328; background: #fff; font-size: 14px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        .meta, .note { color: #57606a; margin: 4px 0; }
        .preview { font-size: 14px; color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c; padding: 2px 8px; border-radius: 4px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
        .card { border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 16px; min-width: 96px; }
        .card .value { font-size: 26px; font-weight: bold; }
        .card .label { color: #57606a; }
        .card.new .value { color: #cf222e; } .card.amended .value { color: #9a6700; } .card.rescinded .value { color: #1a7f37; }
        .card.released .value { color: #1a7f37; } .card.ending .value { color: #57606a; }
        table.causes { margin-top: 12px; }
        table { border-collapse: collapse; margin: 6px 0; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f6f8fa; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.total, tr.sum td, tr.sum th { font-weight: bold; }
        td.changed { background: #fff8c5; }
        td.path, td.code { font-family: monospace; }
        td.hash { font-family: monospace; font-size: 11px; color: #57606a; word-break: break-all; max-width: 260px; }
        td.raw { font-family: monospace; font-size: 12px; word-break: break-all; max-width: 520px; }
        .empty { color: #57606a; font-style: italic; }
        svg.chart { display: block; margin: 8px 0; }
        svg text { font-size: 13px; fill: #1f2328; }
        svg text.tick { font-size: 11px; fill: #57606a; }
        svg text.count { font-size: 12px; fill: #57606a; }
        svg line.axis { stroke: #8c959f; stroke-width: 1; }
        .centralized_quarantine { fill: #cf222e; background: #cf222e; }
        .home_quarantine { fill: #e16f24; background: #e16f24; }
        .health_monitoring { fill: #2f81f7; background: #2f81f7; }
        .d-delivered { fill: #1a7f37; background: #1a7f37; }
        .d-refused { fill: #cf222e; background: #cf222e; }
        .d-not_found { fill: #8250df; background: #8250df; }
        .d-left { fill: #8c959f; background: #8c959f; }
        .d-pending { fill: #d0d7de; background: #d0d7de; }
        .d-overdue { fill: #e16f24; background: #e16f24; }
        .card.overdue .value { color: #e16f24; }
        .legend span { margin-right: 16px; }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
        footer { margin-top: 28px; color: #57606a; }

        """
}
