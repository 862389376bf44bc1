import Foundation
import SecuregateCore

extension Event: APIModel {
    public static let model = Model<Event>("Event", fields)

    /// The event's fields, reused by `EventWithStats`.
    static let fields: [Field<Event>] = [
        .output("title", \.title),
        .output("description", \.description, default: ""),
        .output("instructions", \.instructions, default: ""),
        .output("imageUrl", \.imageURL, default: .null, required: false),
        .output("location", \.location),
        .output("start_timestamp", \.startTimestamp),
        .output("end_timestamp", \.endTimestamp),
        .output("type", \.type, default: "dated"),
        .output("is_deleted", \.isDeleted, default: false),
        .output("id", \.id),
        .output("created_at", \.createdAt),
        .output("updated_at", \.updatedAt),
    ]
}

extension EventWithStats: APIModel {
    public static let model = Model<EventWithStats>(
        "EventWithStats",
        Event.fields.map { $0.pulledBack(\EventWithStats.event) } + [
            .output("status", \.statusText),
            .output("invite_stats", \.inviteStats),
        ]
    )

    /// The single-event spelling of the status (`upcoming`, not `up_coming`).
    var statusText: String { status.singleEventSpelling }
}

extension EventsByStatus: APIModel {
    public static let model = Model<EventsByStatus>("EventsByStatus", [
        .output("ongoing", \.ongoing),
        .output("ended", \.ended),
        .output("up_coming", \.upcoming),
        .output("archived", \.archived),
    ])
}

extension InviteStats: APIModel {
    public static let model = Model<InviteStats>("InviteStats", [
        .output("sent", \.sent),
        .output("accepted", \.accepted),
        .output("pending", \.pending),
        .output("rejected", \.rejected),
        .output("total", \.total),
        .output("checked_in", \.checkedIn, required: false, addition: true),
    ])
}
