import Foundation
import SecuregateCore
import SecuregateQR

extension MailMessage {
    /// The invitation's email: text and HTML from the templates, the HTML with its QR code inline (the PNG of
    /// `GET /invites/{id}/qr`, by `Content-ID`), and the event's calendar file attached.
    init(invitation: Invitation, templates: MessageTemplates, from: MailAddress, to: MailAddress, date: Date) throws {
        let message = invitation.message
        let imageContentID = "qr.\(message.id)@\(from.domain)"
        let code = try QRCode(encoding: invitation.invite.sessionCode)
        let scale = 8
        let email = templates.email(
            for: invitation, imageContentID: imageContentID, imageSize: (code.size + 2 * QRCode.quietZone) * scale
        )
        let calendar = CalendarFile(invite: invitation.invite, event: invitation.event, stamp: date)
        // Clients show the related part as the HTML with its picture, and the calendar as an attachment.
        let body = MIMEPart.multipart(subtype: "mixed", parts: [
            .multipart(subtype: "alternative", parts: [
                .text("plain", email.text),
                .multipart(subtype: "related", parameters: "type=\"text/html\"", parts: [
                    .text("html", email.html),
                    .content(
                        type: "image/png; name=\"entry-code.png\"",
                        headers: ["Content-ID: <\(imageContentID)>", "Content-Disposition: inline; filename=\"entry-code.png\""],
                        bytes: code.png(scale: scale)
                    ),
                ]),
            ]),
            .content(
                type: "text/calendar; charset=utf-8; method=PUBLISH; name=\"invitation.ics\"",
                headers: ["Content-Disposition: attachment; filename=\"invitation.ics\""],
                bytes: calendar.bytes
            ),
        ])
        self.init(from: from, to: to, subject: email.subject, body: body, messageID: message.id, date: date)
    }
}
