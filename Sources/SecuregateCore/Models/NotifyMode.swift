/// The `notify` query parameter of a batch create: who gets told about a new invitation.
public enum NotifyMode: Int, Sendable, CaseIterable {
    case none = 0
    case email = 1
    case emailAndSMS = 2

    /// The channels a new invitation is queued on.
    public var channels: [NotificationChannel] {
        switch self {
        case .none: []
        case .email: [.email]
        case .emailAndSMS: [.email, .sms]
        }
    }
}
