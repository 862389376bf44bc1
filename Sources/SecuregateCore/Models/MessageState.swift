/// Where a notification is on its way to a person.
public enum MessageState: String, Sendable, CaseIterable {
    /// Waiting for its first attempt, or for its next after a temporary failure.
    case queued
    /// A worker has it and is handing it over now.
    case sending
    /// The mail server or the gateway accepted it (or, without a transport, the log took it).
    case delivered
    /// It will not be sent: refused for good, or still failing after the last retry. The reason is kept.
    case failed
}
