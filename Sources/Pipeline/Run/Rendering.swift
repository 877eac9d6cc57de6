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
    /// - Parameter deliveries: the outcome recorded for each notice in force that has one (SPEC 8), pre-filled on the worklists.
    func render(_ reconciliation: Reconciliation, asOf: Day, runName: String, deliveries: [String: RecordedDelivery] = [:],
                into folder: URL) throws -> [String] {
        let wording = NoticeWording(authority: settings.authority, hotline: settings.hotline)
        for key in wording.missingKeys {
            logger.warning("\(RunText.wordingMissing())", metadata: ["key": "\(key)"])
        }
        let templatesFolder = try settings.templates.map { URL(fileURLWithPath: $0) } ?? NoticeTemplates.installedFolder()
        let templates = try NoticeTemplates(directory: templatesFolder, wording: wording)
        for name in templates.fallbacks {
            logger.warning("\(PaperText.templateFallback(["name": name]))",
                           metadata: ["folder": "\(templatesFolder.path)", "template": "\(name)"])
        }
        var contacts = GridContacts()
        if let path = settings.contacts {
            let loaded = try GridContactFeed.read(RunSettings.input(path: path))
            contacts = GridContacts(loaded.contacts)
            for row in loaded.skipped {
                logger.warning("\(RunText.contactSkipped())",
                               metadata: ["file": "\(row.file)", "line": "\(row.line)", "column": "\(row.column)", "problem": "\(row.reason)"])
            }
        }
        let batchesFolder = folder.appendingPathComponent("batches")
        let worklistsFolder = folder.appendingPathComponent("worklists")
        try FileManager.default.createDirectory(at: batchesFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: worklistsFolder, withIntermediateDirectories: true)
        let batches = NoticeBatch.batches(notices: reconciliation.notices, rescissions: reconciliation.rescinded,
                                          releases: reconciliation.released, asOf: asOf, runID: runName)
        let renderSettings = NoticeRenderSettings(templates: templates, wording: wording, contacts: contacts, fullIDs: settings.fullIDsOnGridLists)
        let rendered = try NoticePDF.renderAll(batches, into: batchesFolder, settings: renderSettings, workers: settings.workers)
        for r in rendered {
            for w in r.warnings {
                logger.warning("\(RunText.noGridWorker())",
                               metadata: ["community": "\(r.community?.twelveDigits ?? "")", "problem": "\(w)"])
            }
            for serial in r.continued {
                logger.warning("\(PaperText.continuedOnSecondSheet())",
                               metadata: ["serial": "\(serial)", "file": "batches/\(r.file.lastPathComponent)"])
            }
        }
        // Which file holds which community: `print --community NAME` and the printers' scripts read it.
        let names = Dictionary(batches.map { ($0.community, $0.communityName) }, uniquingKeysWith: { a, _ in a })
        try BatchIndex.csv(rendered, names: names).write(to: batchesFolder.appendingPathComponent(BatchIndex.fileName))
        // The batches of a province take a while: a stop asked meanwhile is honoured before the worklists.
        try StopRequest.check()
        // Outcomes recorded by `feedback` (SPEC 8) are pre-filled here once they are read from the store.
        let options = Worklist.Options(fullIDs: settings.fullIDsOnGridLists, deliveries: deliveries)
        let lists = try Worklist.writeAll(notices: reconciliation.notices, rescissions: reconciliation.rescinded,
                                          releases: reconciliation.released, asOf: asOf, directory: worklistsFolder, xlsx: true,
                                          options: options)
        return rendered.map { "batches/" + $0.file.lastPathComponent } + ["batches/" + BatchIndex.fileName]
            + lists.map { "worklists/" + $0.lastPathComponent }
    }
}
