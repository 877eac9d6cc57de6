import CPangoCairo
import Foundation
import RiskModel

/// The column headings of the cover and rescission lists: paper, so always Chinese (SPEC 11).
enum ListHeading {
    static let number = "序号", serial = "编号", category = "类别", name = "姓名", grid = "网格", address = "居住地址"
    static let measureUntil = "措施/截止", originalSerial = "原通知书编号", idNumber = "证件号码", rescissionReason = "撤销原因"
}

extension NoticeDocumentWriter {
    /// The ID number as a list for grid workers prints it: masked as on the notices, unless the office prints them whole.
    func listID(_ person: PersonKey) -> String { settings.fullIDs ? person.idNo : person.masked }

    /// The delivery list at the front of a batch: every paper in it, in the order they are printed and walked.
    func drawCover(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let serialWidth = fittingWidth(batch.papers.map(\.serial), title: ListHeading.serial, limits: 90...150)
        let gridWidth = fittingWidth(batch.papers.map(\.assignment.gridID), title: ListHeading.grid, limits: 34...72)
        // The action and its end share a column, one above the other, so the address gets the room.
        let fixed = 24 + serialWidth + 28 + 52 + gridWidth + 58
        let columns = [
            Column(title: ListHeading.number, width: 24, center: true), Column(title: ListHeading.serial, width: serialWidth),
            Column(title: ListHeading.category, width: 28, center: true), Column(title: ListHeading.name, width: 52),
            Column(title: ListHeading.grid, width: gridWidth), Column(title: ListHeading.address, width: Page.contentWidth - fixed),
            Column(title: ListHeading.measureUntil, width: 58, center: true),
        ]
        let rows = batch.papers.enumerated().map { i, p in
            [String(i + 1), p.serial, p.category, p.name, p.assignment.gridID, p.assignment.address,
             "\(p.measure.action.chinese) \(p.measure.until.description)"]
        }
        let community = batch.community == nil ? "未落地人员（无所属社区）" : "\(batch.communityName)（\(batch.community?.twelveDigits ?? "")）"
        let s = batch.countsByStatus, a = batch.countsByAction
        let printed = batch.notices
        let new = printed.lazy.filter { $0.status == .new }.count, amended = printed.count - new
        var summary = "本批印发管控通知书 \(printed.count) 份（新增 \(new)，变更 \(amended)），其中集中隔离 \(a[.centralizedQuarantine] ?? 0)、"
            + "居家隔离 \(a[.homeQuarantine] ?? 0)、健康监测 \(a[.healthMonitoring] ?? 0)；解除告知书 \(batch.releases.count) 份；"
            + "撤销通知 \(batch.rescissions.count) 份\(batch.rescissions.isEmpty ? "" : "（另见撤销清单）")。"
        summary += "延续管控 \(s[.continuing] ?? 0) 人（原通知书继续有效，不重复印发）"
        if !batch.endingToday.isEmpty {
            summary += "；今日期满 \(batch.endingToday.count) 人（措施于今日结束，不印发通知书，已在工作清单中标注）"
        }
        summary += "。"
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
        try drawTable(columns: columns, rows: rows, footerHeight: 76, pageTitle: "通知书送达清单",
                      canvas: canvas, header: header, footer: footer)
    }

    /// The rescission list: whose notice no longer holds, and why, for the grid worker who tells them.
    func drawRescinded(_ batch: NoticeBatch, on canvas: Canvas) throws {
        let serialWidth = fittingWidth(batch.rescissions.map(\.serial), title: ListHeading.originalSerial, limits: 90...150)
        let idWidth = fittingWidth(batch.rescissions.map { listID($0.person) }, title: ListHeading.idNumber, limits: 60...120)
        let gridWidth = fittingWidth(batch.rescissions.map(\.assignment.gridID), title: ListHeading.grid, limits: 34...72)
        let fixed = 26 + serialWidth + 52 + idWidth + gridWidth
        let columns = [
            Column(title: ListHeading.number, width: 26, center: true), Column(title: ListHeading.originalSerial, width: serialWidth),
            Column(title: ListHeading.name, width: 52), Column(title: ListHeading.idNumber, width: idWidth), Column(title: ListHeading.grid, width: gridWidth),
            Column(title: ListHeading.rescissionReason, width: Page.contentWidth - fixed),
        ]
        let rows = batch.rescissions.enumerated().map { i, r in
            [String(i + 1), r.serial, r.name, listID(r.person), r.assignment.gridID, r.reason]
        }
        let header: (Int) -> Double = { page in
            let title = self.label("撤销通知书清单", "\(Fonts.heading) 20")
            let note = self.label("以下人员原通知书已撤销，请将撤销通知送达本人，告知其解除相应措施，并收回原通知书。", "\(Fonts.body) 11")
            if page >= 0 {
                title.draw(canvas, x: (Page.width - title.size.width) / 2, y: 44)
                note.draw(canvas, x: Page.left, y: 88)
            }
            return 118
        }
        try drawTable(columns: columns, rows: rows, footerHeight: 0, pageTitle: "撤销通知书清单",
                      canvas: canvas, header: header, footer: { _ in })
    }
}
