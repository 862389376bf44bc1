/// Where an invitation stands.
public enum InviteStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case sent
    case accepted
    case rejected
}
