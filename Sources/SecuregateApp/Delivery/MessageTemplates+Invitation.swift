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

    /// What the message templates can say: the invitation's values, its entry code and, once there is one,
    /// the invitee's personal link.
    func context(for invitation: Invitation) -> [String: Any] {
        var context = InvitationTemplateValues.of(invitation.invite, invitation.event, timeZone: timeZone)
        context["entry_code"] = invitation.invite.sessionCode
        if let link = invitation.link { context["link"] = link.url }
        return context
    }

    /// A header's text: lines joined by spaces, trimmed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
