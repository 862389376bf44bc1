/// The events a webhook endpoint can ask for.
public enum WebhookEventType: String, Sendable, CaseIterable {
    case inviteCreated = "invite.created"
    case inviteStatusChanged = "invite.status_changed"
    case inviteAccepted = "invite.accepted"
    case inviteRejected = "invite.rejected"
    case messageDelivered = "message.delivered"
    case messageFailed = "message.failed"
    case checkinOK = "checkin.ok"
    case checkinRefused = "checkin.refused"
    case faceEnrolled = "face.enrolled"
    case faceErased = "face.erased"
    case eventCreated = "event.created"
    case eventDeleted = "event.deleted"
    case webhookTest = "webhook.test"

    /// Whether `pattern` names a type or a family of them: a type, `family.*`, or `*`.
    public static func isValid(pattern: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") {
            let family = pattern.dropLast(1)
            return allCases.contains { $0.rawValue.hasPrefix(family) }
        }
        return WebhookEventType(rawValue: pattern) != nil
    }

    /// Whether an endpoint that asked for `patterns` wants `type`.
    public static func matches(_ type: String, patterns: [String]) -> Bool {
        patterns.contains { pattern in
            pattern == "*" || pattern == type || (pattern.hasSuffix(".*") && type.hasPrefix(pattern.dropLast(1)))
        }
    }
}
