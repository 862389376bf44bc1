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
        var context = EventTimes(event, in: timeZone).templateValues
        context["first_name"] = invite.firstName
        context["last_name"] = invite.lastName
        context["event_title"] = event.title
        context["entry_code"] = invite.sessionCode
        context["time_zone"] = timeZone.identifier
        if let link = invitation.link { context["link"] = link.url }
        for (key, value) in [("event_place", event.location.line), ("event_description", event.description), ("event_instructions", event.instructions)]
        where !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            context[key] = value
        }
        return context
    }

    /// A header's text: lines joined by spaces, trimmed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
