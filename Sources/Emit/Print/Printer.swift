import CCUPS
import Foundation
import RiskModel

/// Sends finished files (notice PDFs, worklists) to a CUPS printer through libcups.
public struct Printer: Sendable {
    /// The queues the CUPS server offers, sorted, written `name` or `name/instance`.
    public static func destinations() -> [String] {
        Destinations().names
    }

    /// Submits each file as its own job on `printer` (`name` or `name/instance`) and returns the job ids in file order.
    ///
    /// Every file is checked for readability before the first job is sent, so a typo never half-prints a batch.
    /// The queue's saved options (lpoptions) are kept; `copies` overrides theirs.
    public static func send(files: [URL], printer: String, copies: Int = 1, title: String) throws -> [Int32] {
        guard (1...999).contains(copies) else { throw PrintError.invalidCopies(copies) }
        for file in files where !FileManager.default.isReadableFile(atPath: file.path) {
            throw PrintError.unreadableFile(file.path)
        }
        let destinations = Destinations()
        let parts = printer.split(separator: "/", maxSplits: 1).map(String.init)
        guard let name = parts.first, let dest = destinations.find(name: name, instance: parts.count > 1 ? parts[1] : nil) else {
            throw PrintError.printerNotFound(printer, available: destinations.names, server: destinations.server,
                                             reason: destinations.names.isEmpty ? destinations.failure : nil)
        }

        // `dest` points into the list, so the list must outlive every use of it.
        return try withExtendedLifetime(destinations) {
            try submit(files: files, name: name, printer: printer, dest: dest, copies: copies, title: title)
        }
    }

    private static func submit(files: [URL], name: String, printer: String, dest: UnsafeMutablePointer<cups_dest_t>,
                               copies: Int, title: String) throws -> [Int32] {
        var count: Int32 = 0
        var options: UnsafeMutablePointer<cups_option_t>?
        defer { cupsFreeOptions(count, options) }
        for i in 0..<Int(dest.pointee.num_options) {
            let option = dest.pointee.options[i]
            count = cupsAddOption(option.name, option.value, count, &options)
        }
        count = cupsAddOption("copies", String(copies), count, &options)

        var jobs: [Int32] = []
        for (index, file) in files.enumerated() {
            let jobTitle = files.count == 1 ? title : "\(title) \(index + 1)/\(files.count) \(file.lastPathComponent)"
            // nil is CUPS_HTTP_DEFAULT: the server from CUPS_SERVER, client.conf or the local scheduler.
            let job = cupsPrintFile2(nil, name, file.path, jobTitle, count, options)
            guard job > 0 else {
                throw PrintError.submitFailed(file: file.path, printer: printer, reason: Printer.lastError(), submitted: jobs)
            }
            jobs.append(job)
        }
        return jobs
    }

    /// Cancels jobs on `printer`, for instance those queued before a batch failed half-way.
    public static func cancel(jobs: [Int32], printer: String) throws {
        let name = printer.split(separator: "/", maxSplits: 1).first.map(String.init) ?? printer
        for job in jobs where cupsCancelJob(name, job) == 0 {
            throw PrintError.cancelFailed(job: job, printer: printer, reason: lastError())
        }
    }

    static func lastError() -> String {
        guard let text = cupsLastErrorString() else { return EmitText.unknownCUPSError().description }
        return String(cString: text)
    }
}

/// Why printing failed, and what to do about it.
public enum PrintError: Error, CustomStringConvertible, Equatable {
    case invalidCopies(Int)
    case unreadableFile(String)
    /// `reason` is set when the server could not be asked (scheduler down, no permission).
    case printerNotFound(String, available: [String], server: String, reason: String?)
    /// A job was refused; `submitted` are the jobs already queued for earlier files (cancel them with `Printer.cancel`).
    case submitFailed(file: String, printer: String, reason: String, submitted: [Int32])

    case cancelFailed(job: Int32, printer: String, reason: String)

    public var message: Message {
        switch self {
        case let .cancelFailed(job, printer, reason):
            return EmitText.cancelFailed(["job": Int(job), "printer": printer, "reason": reason])
        case let .invalidCopies(n):
            return EmitText.invalidCopies(["copies": n])
        case let .unreadableFile(path):
            return EmitText.unreadableFile(["path": path])
        case let .printerNotFound(name, available, server, reason):
            if available.isEmpty {
                return EmitText.noPrinters(["printer": name, "server": server, "why": reason.map { " (\($0))" } ?? ""])
            }
            return EmitText.printerNotFound(["printer": name, "available": available])
        case let .submitFailed(file, printer, reason, submitted):
            let earlier = submitted.isEmpty ? Message.Value.none : EmitText.earlierJobs(["jobs": submitted.map { Int($0) }]).messageValue
            return EmitText.submitFailed(["file": file, "printer": printer, "reason": reason, "earlier": earlier])
        }
    }

    public var description: String { message.description }
}

/// The destination list from `cupsGetDests2`, freed with the value.
private final class Destinations {
    private let count: Int32
    private var list: UnsafeMutablePointer<cups_dest_t>?
    /// The CUPS error when the list is empty because the server could not be asked.
    let failure: String?
    let server: String

    init() {
        var list: UnsafeMutablePointer<cups_dest_t>?
        count = cupsGetDests2(nil, &list)
        self.list = list
        failure = count == 0 && cupsLastError() != IPP_STATUS_OK && cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND
            ? Printer.lastError() : nil
        server = cupsServer().map { String(cString: $0) } ?? "localhost"
    }

    deinit { cupsFreeDests(count, list) }

    var names: [String] {
        guard let list else { return [] }
        return (0..<Int(count)).map { i in
            let dest = list[i]
            let name = String(cString: dest.name)
            guard let instance = dest.instance else { return name }
            return "\(name)/\(String(cString: instance))"
        }.sorted()
    }

    /// The destination, valid while this object lives.
    func find(name: String, instance: String?) -> UnsafeMutablePointer<cups_dest_t>? {
        cupsGetDest(name, instance, count, list)
    }
}
