import GRDB
import RiskModel

/// A committed run (table `run`).
public struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    public var asOf: String
    public var startedAt: String
    public var finishedAt: String
    public var policyName: String
    public var policyFile: String
    public var policySHA256: String
    public var regionsFile: String
    public var regionsSHA256: String
    /// Folder name under `runs/`.
    public var folder: String
    public var measures: Int
    public var newCount: Int
    public var amendedCount: Int
    public var continuingCount: Int
    public var rescindedCount: Int
    public var rejects: Int
    public var forced: Bool

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let asOf = Column(CodingKeys.asOf)
    }

    public init(id: Int64?, asOf: String, startedAt: String, finishedAt: String, policyName: String, policyFile: String, policySHA256: String,
                regionsFile: String, regionsSHA256: String, folder: String, measures: Int, newCount: Int, amendedCount: Int,
                continuingCount: Int, rescindedCount: Int, rejects: Int, forced: Bool) {
        self.id = id; self.asOf = asOf; self.startedAt = startedAt; self.finishedAt = finishedAt; self.policyName = policyName
        self.policyFile = policyFile; self.policySHA256 = policySHA256; self.regionsFile = regionsFile; self.regionsSHA256 = regionsSHA256
        self.folder = folder; self.measures = measures; self.newCount = newCount; self.amendedCount = amendedCount
        self.continuingCount = continuingCount; self.rescindedCount = rescindedCount; self.rejects = rejects; self.forced = forced
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One input file of a run with its hash and counts (table `runInput`).
public struct RunInputRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runInput"
    public var runID: Int64
    public var kind: String
    public var feed: String
    public var path: String
    public var sha256: String
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    public var duplicates: Int

    public init(runID: Int64, kind: String, feed: String, path: String, sha256: String, read: Int, accepted: Int, rejected: Int, duplicates: Int) {
        self.runID = runID; self.kind = kind; self.feed = feed; self.path = path; self.sha256 = sha256
        self.read = read; self.accepted = accepted; self.rejected = rejected; self.duplicates = duplicates
    }
}

/// A file of packed stays or residents kept beside the database (table `segment`).
public struct SegmentRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "segment"
    public var runID: Int64
    /// `stays` or `residents`.
    public var kind: String
    /// File name inside the store's data folder.
    public var file: String
    public var count: Int
    /// File size, checked when the file is read back.
    public var bytes: Int
}

/// A notice ever issued, with the measure it carried (table `notice`); never deleted, only purged of personal data.
public struct NoticeRecord: Codable, Sendable, FetchableRecord, PersistableRecord, Hashable {
    public static let databaseTableName = "notice"
    public var serial: String
    public var runID: Int64
    public var person: String
    public var status: String
    public var supersedes: String?
    public var action: String
    public var level: String
    public var regionCode: String
    public var regionName: String
    public var lastExposureOn: String
    public var until: String
    public var communityCode: String?
    public var communityName: String
    public var gridID: String
    public var address: String
    public var name: String
    public var phone: String

    public enum Columns {
        public static let serial = Column(CodingKeys.serial)
        public static let person = Column(CodingKeys.person)
        public static let until = Column(CodingKeys.until)
    }
}

/// A notice in force after a run, with its status in that run (table `runNotice`).
public struct RunNoticeRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runNotice"
    public var runID: Int64
    public var serial: String
    public var status: String
}

/// A notice rescinded by a run (table `rescission`).
public struct RescissionRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "rescission"
    public var runID: Int64
    public var serial: String
    public var reason: String
}

/// The last sequence number used for a serial prefix (table `serialSequence`).
public struct SerialSequenceRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "serialSequence"
    public var prefix: String
    public var last: Int
}

extension NoticeRecord {
    /// The record for a notice issued by run `runID`, for the tests (a run binds its notices' fields in place).
    init(_ notice: Notice, runID: Int64) {
        let m = notice.measure
        self.init(serial: notice.serial, runID: runID, person: m.person.description, status: notice.status.rawValue,
                  supersedes: notice.supersedes, action: m.action.code, level: m.level.code, regionCode: m.region.canonical,
                  regionName: m.regionName, lastExposureOn: m.lastExposure.description, until: m.until.description,
                  communityCode: notice.assignment.community?.canonical, communityName: notice.assignment.communityName,
                  gridID: notice.assignment.gridID, address: notice.assignment.address, name: notice.name, phone: notice.phone)
    }
}

extension RegionCode {
    /// Reads a canonical code written by this program from its UTF-8 bytes (a stored column, read in place).
    public static func parse(_ digits: UnsafeBufferPointer<UInt8>) -> RegionCode? {
        guard RegionCode.levels.contains(digits.count), let value = DecimalText.value(of: digits) else { return nil }
        return RegionCode(canonicalizing: value * RegionCode.scale(digits.count))
    }
}
