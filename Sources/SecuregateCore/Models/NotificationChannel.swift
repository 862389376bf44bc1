/// How an invitation reaches its invitee.
public enum NotificationChannel: String, Sendable, CaseIterable {
    case email
    case sms
}
