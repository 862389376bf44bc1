/// The failures of the domain that a caller is told about, each with the contract's detail text.
public enum SecuregateError: Error, Sendable, Equatable {
    case eventNotFound
    case inviteNotFound
    case eventArchived
    case lookupNeedsSessionOrInvite
    case invalidAPIKey
    case notAllowedForKey

    /// The `detail` the API answers with.
    public var detail: String {
        switch self {
        case .eventNotFound: "Event not found"
        case .inviteNotFound: "Invite not found"
        case .eventArchived: "Event is archived"
        case .lookupNeedsSessionOrInvite: "Either session_id or invite_id is required"
        case .invalidAPIKey: "Invalid API key"
        case .notAllowedForKey: "Not allowed for this key"
        }
    }
}
