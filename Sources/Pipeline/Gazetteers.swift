import Foundation
import Lifecycle
import Normalize
import RiskModel

extension RunSettings {
    /// The national table and the config's `gazetteer` files (SPEC 10 sources 1 and 2), in that order.
    public func baseGazetteer() throws(RunError) -> Gazetteer {
        do { return try Gazetteer.combined(files: gazetteer) } catch { throw RunError.from(error) }
    }

    /// The gazetteer a command reads names with (SPEC 10): the national table, the config's `gazetteer` files,
    /// then the residents' community names, from `residents` (tonight's snapshot, or the one a run screens
    /// with) or else from the snapshot of the state store at `state`, when there is one.
    public func gazetteer(residents: ResidentTable? = nil) throws(RunError) -> Gazetteer {
        try gazetteer(adding: residents, to: try baseGazetteer())
    }

    /// `base` (from `baseGazetteer()`) with the community names of `residents`, else of the stored snapshot.
    public func gazetteer(adding residents: ResidentTable?, to base: Gazetteer) throws(RunError) -> Gazetteer {
        let snapshot: ResidentTable?
        if let residents { snapshot = residents } else { snapshot = try storedResidents() }
        guard let snapshot else { return base }
        return base.addingCommunities(Gazetteer.communities(of: snapshot))
    }

    /// The residents snapshot of the state store at `state`; nil without a store or a snapshot. Never creates a store.
    func storedResidents() throws(RunError) -> ResidentTable? {
        guard let state, FileManager.default.fileExists(atPath: state) else { return nil }
        do { return try Store(path: state).residents() } catch { throw RunError.from(error) }
    }
}
