import Foundation

/// The events of each kind of change, with their payloads. The store makes them inside the change's transaction.
extension WebhookEvent {
    /// A new invite.
    public static func inviteCreated(id: String, _ invite: Invite, at: Date) -> WebhookEvent {
        WebhookEvent(id: id, accountID: invite.accountID, type: .inviteCreated, inviteID: invite.id, data: [
            "invite_id": .string(invite.id), "event_id": .string(invite.eventID), "status": .string(invite.status.rawValue),
            "first_name": .string(invite.firstName), "last_name": .string(invite.lastName), "email": .string(invite.email),
        ], createdAt: at)
    }

    /// An invite's status changed; an answer is also said as `invite.accepted` or `invite.rejected`.
    public static func statusChanged(
        ids: () -> String, inviteID: String, eventID: String, accountID: String, from: InviteStatus, to: InviteStatus,
        source: ChangeSource, at: Date
    ) -> [WebhookEvent] {
        var events = [WebhookEvent(id: ids(), accountID: accountID, type: .inviteStatusChanged, inviteID: inviteID, data: [
            "invite_id": .string(inviteID), "event_id": .string(eventID), "from": .string(from.rawValue),
            "to": .string(to.rawValue), "source": .string(source.rawValue),
        ], createdAt: at)]
        let answer: WebhookEventType? = switch to {
        case .accepted: .inviteAccepted
        case .rejected: .inviteRejected
        default: nil
        }
        if let answer {
            events.append(WebhookEvent(id: ids(), accountID: accountID, type: answer, inviteID: inviteID, data: [
                "invite_id": .string(inviteID), "event_id": .string(eventID), "source": .string(source.rawValue),
            ], createdAt: at))
        }
        return events
    }

    /// A message reached its transport (`error` nil) or was given up for good.
    public static func message(
        id: String, _ message: OutboxMessage, eventID: String, error: String?, at: Date
    ) -> WebhookEvent {
        var data: WebhookData = [
            "message_id": .string(message.id), "invite_id": .string(message.inviteID), "event_id": .string(eventID),
            "channel": .string(message.channel.rawValue),
        ]
        if let error { data.append("error", .string(error)) }
        return WebhookEvent(
            id: id, accountID: message.accountID, type: error == nil ? .messageDelivered : .messageFailed,
            inviteID: message.inviteID, data: data, createdAt: at
        )
    }

    /// A scan at the door, let in or refused (with the reason).
    public static func checkin(id: String, _ checkin: Checkin, accountID: String) -> WebhookEvent {
        var data: WebhookData = [
            "checkin_id": .string(checkin.id), "event_id": .string(checkin.eventID), "invite_id": .optional(checkin.inviteID),
            "type": .string(checkin.type.rawValue), "method": .string(checkin.method.rawValue), "gate": .string(checkin.gate),
        ]
        if let reason = checkin.reason { data.append("reason", .string(reason.rawValue)) }
        return WebhookEvent(
            id: id, accountID: accountID, type: checkin.result == .ok ? .checkinOK : .checkinRefused,
            inviteID: checkin.inviteID, data: data, createdAt: checkin.scannedAt
        )
    }

    /// A reference face was stored for an invite (`source` says how it came) or erased.
    public static func face(
        id: String, enrolled: Bool, inviteID: String, eventID: String, accountID: String, source: FaceSource?, at: Date
    ) -> WebhookEvent {
        var data: WebhookData = ["invite_id": .string(inviteID), "event_id": .string(eventID)]
        if let source { data.append("source", .string(source.rawValue)) }
        return WebhookEvent(
            id: id, accountID: accountID, type: enrolled ? .faceEnrolled : .faceErased, inviteID: inviteID, data: data, createdAt: at
        )
    }

    /// An event was created or deleted.
    public static func event(id: String, _ event: Event, deleted: Bool, at: Date) -> WebhookEvent {
        var data: WebhookData = ["event_id": .string(event.id)]
        if !deleted {
            data.append("title", .string(event.title))
            data.append("start_timestamp", .int(event.startTimestamp))
            data.append("end_timestamp", .int(event.endTimestamp))
        }
        return WebhookEvent(
            id: id, accountID: event.accountID, type: deleted ? .eventDeleted : .eventCreated, inviteID: nil, data: data, createdAt: at
        )
    }

    /// An event an organizer asked for, to try an endpoint.
    public static func test(id: String, endpoint: WebhookEndpoint, at: Date) -> WebhookEvent {
        WebhookEvent(
            id: id, accountID: endpoint.accountID, type: .webhookTest, inviteID: nil, data: ["endpoint_id": .string(endpoint.id)],
            createdAt: at
        )
    }
}
