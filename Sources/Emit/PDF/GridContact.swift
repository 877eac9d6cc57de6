import Foundation
import RiskModel

/// A problem with grid contacts that leaves a line blank to fill by hand rather than stopping the run.
public struct GridContactWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No contact for a grid that has notices tonight; its notices print a blank line.
        case missing(community: RegionCode?, gridID: String, notices: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var message: Message {
        switch kind {
        case let .missing(community, gridID, notices):
            let grid = gridID.isEmpty ? PaperText.noGrid() : PaperText.grid(["grid": gridID])
            let place: any MessageArgument = community?.twelveDigits ?? PaperText.unassigned()
            return PaperText.noGridContact(["community": place, "grid": grid, "n": notices])
        }
    }

    public var description: String { message.description }
}

/// Grid workers by (community, grid), as read from the grid contacts file.
public struct GridContacts: Sendable {
    struct Key: Hashable { var community: RegionCode; var gridID: String }
    var byGrid: [Key: GridContact] = [:]

    public init(_ contacts: [GridContact] = []) {
        for contact in contacts { byGrid[Key(community: contact.community, gridID: contact.gridID)] = contact }
    }

    public var count: Int { byGrid.count }

    /// The contact for a grid, or nil (unassigned people and unknown grids have none).
    public func contact(community: RegionCode?, gridID: String) -> GridContact? {
        guard let community else { return nil }
        return byGrid[Key(community: community, gridID: gridID)]
    }

    /// One warning per grid of the batch that has papers but no contact.
    public func missing(in batch: NoticeBatch) -> [GridContactWarning] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for paper in batch.papers where contact(community: batch.community, gridID: paper.assignment.gridID) == nil {
            let grid = paper.assignment.gridID
            if counts[grid] == nil { order.append(grid) }
            counts[grid, default: 0] += 1
        }
        return order.map { GridContactWarning(.missing(community: batch.community, gridID: $0, notices: counts[$0] ?? 0)) }
    }
}
