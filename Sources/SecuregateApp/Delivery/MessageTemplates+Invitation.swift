import Foundation
import SecuregateCore

extension MessageTemplates {
    /// An invitation's email as its templates write it.
    struct Email {
        var subject: String
        var text: String
        var html: String
    }

    /// The invitation's email; its HTML shows the QR code from the part named `imageContentID`, `imageSize`
    /// pixels wide.
    func email(for invitation: Invitation, imageContentID: String, imageSize: Int) -> Email {
        var context = context(for: invitation)
        context["qr_image"] = "cid:\(imageContentID)"
        context["qr_size"] = imageSize
        return Email(
            subject: Self.oneLine(render("invitation-subject", context)),
            text: render("invitation-text", context),
            html: render("invitation-html", context)
        )
    }

    /// The invitation's SMS text.
    func sms(for invitation: Invitation) -> String {
        render("invitation-sms", context(for: invitation)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the templates can say, by the names the README lists. A text the organizer left empty is absent,
    /// so that a template's `{{#event_place}}…{{/event_place}}` leaves out the line.
    func context(for invitation: Invitation) -> [String: Any] {
        let (invite, event) = (invitation.invite, invitation.event)
        let starts = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.startTimestamp))
        let ends = Date(timeIntervalSince1970: Event.seconds(fromTimestamp: event.endTimestamp))
        let day = dayStyle
        let hour = hourStyle
        var context: [String: Any] = [
            "first_name": invite.firstName,
            "last_name": invite.lastName,
            "event_title": event.title,
            "entry_code": invite.sessionCode,
            "starts_on": starts.formatted(day),
            "starts_at": starts.formatted(hour),
            "ends_on": ends.formatted(day),
            "ends_at": ends.formatted(hour),
            "same_day": starts.formatted(day) == ends.formatted(day),
            "utc_offset": Self.utcOffset(timeZone.secondsFromGMT(for: starts)),
            "time_zone": timeZone.identifier,
        ]
        let place = [event.location.address, event.location.city, event.location.state, event.location.zipCode, event.location.country]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: ", ")
        for (key, value) in [("event_place", place), ("event_description", event.description), ("event_instructions", event.instructions)]
        where !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            context[key] = value
        }
        return context
    }

    /// `Saturday 12 December 2026` in the messages' time zone.
    private var dayStyle: Date.VerbatimFormatStyle {
        Date.VerbatimFormatStyle(
            format: "\(weekday: .wide) \(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: timeZone, calendar: Calendar(identifier: .gregorian)
        )
    }

    /// `18:30` in the messages' time zone.
    private var hourStyle: Date.VerbatimFormatStyle {
        Date.VerbatimFormatStyle(
            format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: timeZone, calendar: Calendar(identifier: .gregorian)
        )
    }

    /// `UTC+01:00`, `UTC-03:30`, `UTC+00:00`.
    static func utcOffset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "UTC\(seconds < 0 ? "-" : "+")\(String(format: "%02d:%02d", minutes / 60, minutes % 60))"
    }

    /// A header's text: lines joined by spaces, trimmed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
