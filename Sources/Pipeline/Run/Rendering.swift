import Emit
import Foundation
import Lifecycle
import Normalize
import Logging
import Machinery
import RiskModel

/// Renders a run's printable batches (PDF) and worklists (CSV, XLSX) into the staging folder.
struct Rendering {
    let settings: RunSettings
    let logger: Logger

    /// Writes `batches/` and `worklists/`; returns the files written, relative to `folder`.
    func render(_ reconciliation: Reconciliation, asOf: Day, runName: String, into folder: URL) throws -> [String] {
        let wording = NoticeWording(authority: settings.authority, hotline: settings.hotline)
        for key in wording.missingKeys {
            logger.warning("not set in the config; the notices leave a line to fill in by hand", metadata: ["key": "\(key)"])
        }
        let templatesFolder = try settings.templates.map { URL(fileURLWithPath: $0) } ?? NoticeTemplates.installedFolder()
        let templates = try NoticeTemplates(directory: templatesFolder, wording: wording)
        var contacts = GridContacts()
        if let path = settings.contacts {
            let loaded = try GridContactFeed.read(RunSettings.input(path: path))
            contacts = GridContacts(loaded.contacts)
            for row in loaded.skipped {
                logger.warning("grid contacts row skipped; fix it in the grid contacts file",
                               metadata: ["file": "\(row.file)", "line": "\(row.line)", "column": "\(row.column)", "problem": "\(row.reason)"])
            }
        }
        let batchesFolder = folder.appendingPathComponent("batches")
        let worklistsFolder = folder.appendingPathComponent("worklists")
        try FileManager.default.createDirectory(at: batchesFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: worklistsFolder, withIntermediateDirectories: true)
        let batches = NoticeBatch.batches(notices: reconciliation.notices, rescissions: reconciliation.rescinded, asOf: asOf, runID: runName)
            .filter { !$0.notices.isEmpty || !$0.rescissions.isEmpty }
        let rendered = try NoticePDF.renderAll(batches, into: batchesFolder, settings: NoticeRenderSettings(templates: templates, wording: wording, contacts: contacts), workers: settings.workers)
        for r in rendered {
            for w in r.warnings {
                logger.warning("no grid worker on file; a blank line is left to fill by hand",
                               metadata: ["community": "\(r.community?.twelveDigits ?? "")", "problem": "\(w)"])
            }
        }
        // The batches of a province take a while: a stop asked meanwhile is honoured before the worklists.
        try StopRequest.check()
        let lists = try Worklist.writeAll(notices: reconciliation.notices, asOf: asOf, directory: worklistsFolder, xlsx: true)
        return rendered.map { "batches/" + $0.file.lastPathComponent } + lists.map { "worklists/" + $0.lastPathComponent }
    }
}
