import Lifecycle

extension Store {
    /// Opens a store for a command without a logger (`explain`, `history`, `purge`), handing `warn` what it had to
    /// tighten (SPEC 5: a store left readable by others is made owner-only on first use, with a warning).
    static func opened(_ path: String, warn: (String) -> Void) throws -> Store {
        let store = try Store(path: path)
        for change in store.modeChanges where change.tightened { warn(change.description) }
        for warning in store.modeWarnings { warn(warning) }
        return store
    }
}
