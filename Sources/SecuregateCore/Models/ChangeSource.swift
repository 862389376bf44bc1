/// Who changed an invite's status: an organizer through the API or in the console, the invitee on their page,
/// or the delivery of an invitation.
public enum ChangeSource: String, Sendable, CaseIterable {
    case api
    case invitee
    case delivery
    /// Addition: an organizer in the console, signed in with an admin key (the change keeps the key's id).
    case console
}
