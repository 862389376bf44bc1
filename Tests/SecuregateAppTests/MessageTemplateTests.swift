import Foundation
@testable import SecuregateApp
import SecuregateCore
import Testing

/// What the templates write: times in the zone set, lines left out when the organizer left a text empty, HTML
/// escaped only in HTML, and an operator's folder replacing templates by name.
struct MessageTemplateTests {
    static func invitation(title: String = "Launch", start: Int = 1_900_000_800, end: Int = 1_900_013_400, description: String = "") -> Invitation {
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)
        let event = Event(
            id: "evt_1", accountID: "acc_1", title: title, description: description, instructions: "", imageURL: nil,
            location: Location(), startTimestamp: start, endTimestamp: end, type: .fixed, isDeleted: false,
            createdAt: t0, updatedAt: t0
        )
        let invite = Invite(
            id: "inv_1", eventID: "evt_1", accountID: "acc_1", firstName: "Ada", lastName: "Lovelace", email: "ada@x.io",
            countryCode: .unitedKingdom, mobileNumber: "7700900123", authenticationMethod: .qrCode, sessionCode: "K7Q2-PX9M",
            sessionID: "ses_1", createdAt: t0, updatedAt: t0, status: .pending, onboardingFlowType: .onlyAuth
        )
        return Invitation(message: .invitation(id: "msg_1", invite: invite, channel: .email, at: t0), invite: invite, event: event)
    }

    @Test func timesAreStatedInTheZoneSetWithTheirOffset() async throws {
        let paris = try await MessageTemplates(timeZone: try #require(TimeZone(identifier: "Europe/Paris")))
        let text = paris.email(for: Self.invitation(), imageContentID: "qr", imageSize: 296).text
        #expect(text.contains("When:  Sunday 17 March 2030, 19:00 to 22:30 (UTC+01:00)"))
        // Summer time has its own offset; an event over midnight names both days.
        let late = Self.invitation(start: 1_910_070_000, end: 1_910_090_000)
        #expect(paris.email(for: late, imageContentID: "qr", imageSize: 296).text
            .contains("When:  Friday 12 July 2030, 09:00 to 14:33 (UTC+02:00)"))
        let night = Self.invitation(start: 1_910_120_000, end: 1_910_140_000)
        #expect(paris.email(for: night, imageContentID: "qr", imageSize: 296).text
            .contains("When:  Friday 12 July 2030, 22:53 to Saturday 13 July 2030, 04:26 (UTC+02:00)"))
        #expect(try await MessageTemplates().sms(for: Self.invitation())
            == "Invitation: Launch, Sunday 17 March 2030 18:00 (UTC+00:00). Entry code: K7Q2-PX9M")
    }

    @Test func emptyTextsLeaveNoLinesAndHTMLIsEscapedOnlyInHTML() async throws {
        let templates = try await MessageTemplates()
        let email = templates.email(for: Self.invitation(title: "Q&A <live>"), imageContentID: "qr.msg_1@x", imageSize: 296)
        #expect(email.subject == "Your invitation: Q&A <live>")
        #expect(email.text.contains("You are invited to Q&A <live>."))
        #expect(!email.text.contains("Where:") && !email.text.contains("\n\n\n"))
        #expect(email.html.contains("<h1 style=\"margin:0 0 20px;font-size:24px;line-height:1.25;\">Q&amp;A &lt;live&gt;</h1>"))
        #expect(email.html.contains("src=\"cid:qr.msg_1@x\""))
        #expect(!email.html.contains("<strong>Where:</strong>"))
        let described = templates.email(for: Self.invitation(description: "Talks, then drinks."), imageContentID: "qr", imageSize: 296)
        #expect(described.text.contains("\n\nTalks, then drinks.\n\n"))
    }

    @Test func messagesCarryThePersonalLinkOnceThereIsOne() async throws {
        let templates = try await MessageTemplates()
        var invitation = Self.invitation()
        #expect(!templates.email(for: invitation, imageContentID: "qr", imageSize: 296).text.contains("/i/"))
        invitation.link = InviteLink(inviteID: "inv_1", url: "https://events.example.org/i/abc123def456")
        let email = templates.email(for: invitation, imageContentID: "qr", imageSize: 296)
        #expect(email.text.contains("on your personal page:\nhttps://events.example.org/i/abc123def456\n"))
        #expect(email.html.contains("<a href=\"https://events.example.org/i/abc123def456\""))
        #expect(templates.sms(for: invitation).hasSuffix("Entry code: K7Q2-PX9M Answer: https://events.example.org/i/abc123def456"))
    }

    @Test func aFolderReplacesTemplatesByNameAndRefusesUnknownOrBrokenOnes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: TEXT}}\n{{first_name}}, see you at {{event_title}}\n".write(
            to: folder.appendingPathComponent("invitation-subject.mustache"), atomically: true, encoding: .utf8
        )
        let custom = try await MessageTemplates(directory: folder.path)
        #expect(custom.overridden == ["invitation-subject"])
        let email = custom.email(for: Self.invitation(), imageContentID: "qr", imageSize: 296)
        #expect(email.subject == "Ada, see you at Launch")
        #expect(email.text.hasPrefix("Hello Ada,"), "the other templates stay the defaults")

        try "{{first_name}}".write(to: folder.appendingPathComponent("invitation_body.mustache"), atomically: true, encoding: .utf8)
        await #expect(throws: MessageTemplates.LoadError.self) { try await MessageTemplates(directory: folder.path) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("invitation_body.mustache"))
        try "{{#event_title}}never closed".write(to: folder.appendingPathComponent("invitation-sms.mustache"), atomically: true, encoding: .utf8)
        await #expect(throws: MessageTemplates.LoadError.self) { try await MessageTemplates(directory: folder.path) }
    }
}
