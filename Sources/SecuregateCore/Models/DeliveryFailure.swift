import Foundation

/// Why a transport could not hand a message over, and whether trying again can help.
public enum DeliveryFailure: Error, Sendable, Equatable {
    /// Worth retrying (a connection that failed, a server busy or throttling); `retryAfter` when it said when.
    case temporary(String, retryAfter: TimeInterval? = nil)
    /// Never worth retrying (a recipient refused, a request the gateway will always reject).
    case permanent(String)

    /// What the outbox records.
    public var reason: String {
        switch self {
        case .temporary(let reason, _), .permanent(let reason): reason
        }
    }
}
