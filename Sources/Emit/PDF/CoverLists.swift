import CPangoCairo
import Foundation
import RiskModel

extension NoticeDocumentWriter {
    func drawCover(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let columns = [
            Column(title: "序号", width: 28, center: true), Column(title: "通知书编号", width: 104),
            Column(title: "类别", width: 28, center: true), Column(title: "姓名", width: 62),
            Column(title: "网格", width: 36), Column(title: "居住地址", width: Page.contentWidth - 28 - 104 - 28 - 62 - 36 - 50 - 66),
            Column(title: "措施", width: 50, center: true), Column(title: "截止日期", width: 66, center: true),
        ]
        let rows = batch.notices.enumerated().map { i, n in
            [String(i + 1), n.serial, n.status.chinese, n.name, n.assignment.gridID, n.assignment.address,
             n.measure.action.chinese, n.measure.until.description]
        }
        let community = batch.community == nil ? "未落地人员（无所属社区）" : "\(batch.communityName)（\(batch.community?.twelveDigits ?? "")）"
        let s = batch.countsByStatus, a = batch.countsByAction
        let summary = "本批印发通知书 \(batch.notices.count) 份（新增 \(s[.new] ?? 0)，变更 \(s[.amended] ?? 0)），其中集中隔离 \(a[.centralizedQuarantine] ?? 0)、居家隔离 \(a[.homeQuarantine] ?? 0)、健康监测 \(a[.healthMonitoring] ?? 0)；延续管控 \(s[.continuing] ?? 0) 人（原通知书继续有效，不重复印发）；撤销 \(batch.rescissions.count) 份\(batch.rescissions.isEmpty ? "" : "（见撤销清单）")。"
        let instruction = settings.templates.cover.render(batchFields(batch)).trimmingCharacters(in: .whitespacesAndNewlines)
        let info = [("社　　区：", community), ("筛查日期：", batch.asOf.chinese), ("批 次 号：", batch.runID)]

        let header: (Int) -> Double = { page in
            let draw = page >= 0
            let title = self.label("通知书送达清单", "\(Fonts.heading) 20")
            if draw { title.draw(canvas, x: (Page.width - title.size.width) / 2, y: 44) }
            var y = 86.0
            let font = "\(Fonts.body) 11"
            self.value.setFont(font)
            self.value.setWidth(-1)
            for (name, text) in info {
                let lbl = self.label(name, font)
                if draw {
                    lbl.draw(canvas, x: Page.left, y: y)
                    self.value.set(text)
                    self.value.draw(canvas, x: Page.left + lbl.size.width, y: y)
                }
                y += 19
            }
            for text in [summary, instruction] {
                self.paragraph.setFont(font)
                self.paragraph.setWidth(Page.contentWidth)
                pango_layout_set_indent(self.paragraph.layout, Int32(22 * Double(PANGO_SCALE)))
                self.paragraph.set(text)
                if draw { self.paragraph.draw(canvas, x: Page.left, y: y + 4) }
                y += self.paragraph.height + 8
            }
            return y + 6
        }
        let footer: (Double) -> Void = { y in
            let font = "\(Fonts.body) 11"
            let lines = ["送达人（签字）：________________　　交接时间：________年____月____日____时____分",
                         "接收人（签字）：________________　　联系电话：____________________"]
            var y = y
            for line in lines {
                self.label(line, font).draw(canvas, x: Page.left, y: y)
                y += 28
            }
        }
        try drawTable(columns: columns, rows: rows, rowHeight: 17, footerHeight: 76, pageTitle: "通知书送达清单",
                      canvas: canvas, header: header, footer: footer)
    }

    func drawRescinded(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let columns = [
            Column(title: "序号", width: 28, center: true), Column(title: "原通知书编号", width: 110),
            Column(title: "姓名", width: 56), Column(title: "证件号码", width: 118),
            Column(title: "撤销原因", width: Page.contentWidth - 28 - 110 - 56 - 118),
        ]
        let rows = batch.rescissions.enumerated().map { i, r in
            [String(i + 1), r.serial, r.name, r.person.masked, r.reason]
        }
        let header: (Int) -> Double = { page in
            let title = self.label("撤销通知书清单", "\(Fonts.heading) 20")
            let note = self.label("以下人员原通知书已撤销，请告知本人解除相应措施，并收回原通知书。", "\(Fonts.body) 11")
            if page >= 0 {
                title.draw(canvas, x: (Page.width - title.size.width) / 2, y: 44)
                note.draw(canvas, x: Page.left, y: 88)
            }
            return 118
        }
        try drawTable(columns: columns, rows: rows, rowHeight: 17, footerHeight: 0, pageTitle: "撤销通知书清单",
                      canvas: canvas, header: header, footer: { _ in })
    }
}
