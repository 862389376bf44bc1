import Foundation

/// What every template about an invitation can say, by the names the README lists: the invitee's name, the
/// event's title and times in one time zone, and its place, description and instructions. A text the organizer
/// left empty is absent, so that a template's `{{#event_place}}…{{/event_place}}` leaves out its line. The
/// messages and the invitee's page add what is theirs.
public enum InvitationTemplateValues {
    public static func of(_ invite: Invite, _ event: Event, timeZone: TimeZone) -> [String: Any] {
        var values = EventTimes(event, in: timeZone).templateValues
        values["first_name"] = invite.firstName
        values["last_name"] = invite.lastName
        values["event_title"] = event.title
        values["time_zone"] = timeZone.identifier
        for (key, value) in [("event_place", event.location.line), ("event_description", event.description), ("event_instructions", event.instructions)]
        where !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            values[key] = value
        }
        return values
    }
}
