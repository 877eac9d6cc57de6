import Ingest
import Lifecycle
import Normalize

/// Why a run stopped, with the exit status SPEC 4 gives it.
public enum RunError: Error, CustomStringConvertible, Sendable {
    /// A flag, config file or policy is wrong (exit 1).
    case configuration(String)
    /// The rule file, a feed's structure or its reject rate stops the run (exit 2).
    case inputRejected(String)
    /// Another run holds the state store (exit 3).
    case locked(String)
    /// Something that is not the user's fault (exit 4).
    case `internal`(String)

    public var exitCode: Int32 {
        switch self {
        case .configuration: return 1
        case .inputRejected: return 2
        case .locked: return 3
        case .internal: return 4
        }
    }

    public var description: String {
        switch self {
        case let .configuration(m), let .inputRejected(m), let .locked(m), let .internal(m): return m
        }
    }

    /// Classifies an error thrown by a stage.
    public static func from(_ error: any Error) -> RunError {
        switch error {
        case let e as RunError: return e
        case let e as PolicyError: return .configuration(e.description)
        case let e as RuleFileError: return .inputRejected(e.description)
        case let e as IngestError: return .inputRejected(e.description)
        case let e as XLSXError: return .inputRejected(e.description)
        case let e as FeedbackError: return .inputRejected(e.description)
        case let e as LockHeld: return .locked(e.description)
        case let e as StoreError:
            if case .cannotOpen = e { return .configuration(e.description) }
            return .internal(e.description)
        default: return .internal("internal error: \(error)")
        }
    }
}
