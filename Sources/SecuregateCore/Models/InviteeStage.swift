/// Where an invitation stands for its invitee: whether they may still answer, and whether the pass matters.
public enum InviteeStage: Sendable, Equatable {
    /// Before the event starts: the invitee may accept, decline, or change their answer.
    case open
    /// The event is under way: the answer stands, an accepted invitee's pass is still shown.
    case underway
    /// The event has ended or was archived: nothing is offered.
    case over
}
