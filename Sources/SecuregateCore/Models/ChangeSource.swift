/// Who changed an invite's status: an organizer through the API, the invitee on their page, or the delivery
/// of an invitation.
public enum ChangeSource: String, Sendable, CaseIterable {
    case api
    case invitee
    case delivery
}
