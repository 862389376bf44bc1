/// What an API key may do.
public enum APIKeyScope: String, Sendable, CaseIterable {
    /// Everything the account may do: the organizer's back office.
    case admin
    /// The door only: scan codes, read the check-in ledger, look an invite up by its code. Never the guest list.
    case checkin
}
