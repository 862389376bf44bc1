import Foundation
import Hummingbird
import SecuregateCore
import SecuregateQR

extension ConsoleRoutes {
    /// A page of one of the caller's invites of the event: `page` makes it, or the answer of `withEvent` is given
    /// instead; an invite that is not the caller's, or not of this event, is not found (ConsoleProblemMiddleware).
    func withInvite<Context>(
        _ id: String, _ inviteID: String, _ context: ConsoleRequestContext<Context>, page: (Principal, Event, Invite) async throws -> Response
    ) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            let invite = try await services.invites.get(inviteID, for: principal)
            guard invite.eventID == id else { throw SecuregateError.inviteNotFound }
            return try await page(principal, found.event, invite)
        }
    }

    /// An invite's page: who, its status with a control to change it, its history with who made each change,
    /// its messages with "Send again", its personal link and entry QR code, its face.
    func invitePage<Context>(_ id: String, _ inviteID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withInvite(id, inviteID, context) { principal, event, invite in
            let history = try await services.invites.history(eventID: id, inviteID: inviteID, for: principal)
            let messages = try await services.invites.messages(inviteID: inviteID, for: principal)
            let link = try await services.invitees.link(inviteID: inviteID, for: principal)
            let scans = try await services.checkins.scans(inviteID: inviteID, for: principal)
            var page: [String: Any] = [
                "key_id": principal.keyID, "id": id, "title": event.title, "archived": event.isDeleted, "invite_id": invite.id,
                "name": Self.name(of: invite), "email": invite.email, "method": invite.authenticationMethod.rawValue,
                "status_label": Self.label(invite.status), "status": invite.status.rawValue, "entry_code": invite.sessionCode,
                "link": link.url, "created": moment(invite.createdAt), "needs_face": invite.authenticationMethod.needsFace,
                "face_enrolled": try await services.faces.isEnrolled(invite), "console_script": assets.path("console.js"),
                "statuses": InviteStatus.allCases.map { ["value": $0.rawValue, "label": Self.label($0), "selected": $0 == invite.status] },
                "history": history.reversed().map(historyLine), "messages": messages.reversed().map(messageLine),
                "has_messages": !messages.isEmpty,
                "has_mobile": !invite.mobileNumber.isEmpty, "ledger_rows": scans.map { scanLine($0, invite: invite) },
            ]
            if !invite.mobileNumber.isEmpty { page["mobile"] = "+\(invite.countryCode.rawValue) \(invite.mobileNumber)" }
            if let seen = invite.lastSeen { page["last_seen"] = moment(seen) }
            if let done = FormBody.value("done", in: request.uri.query ?? "") { page["done_\(done)"] = true }
            return html(.ok, "console-invite", page)
        }
    }

    /// One line of an invite's status history.
    func historyLine(_ change: InviteStatusChange) -> [String: Any] {
        var line: [String: Any] = ["to": Self.label(change.to), "at": moment(change.changedAt), "source": Self.label(change.source)]
        if let from = change.from { line["from"] = Self.label(from) }
        if let keyID = change.keyID { line["key_id"] = keyID }
        return line
    }

    /// One of an invite's messages.
    func messageLine(_ message: OutboxMessage) -> [String: Any] {
        var line: [String: Any] = [
            "channel": message.channel == .email ? "Email" : "SMS", "recipient": message.recipient, "queued": moment(message.createdAt),
            "state_\(message.state.rawValue)": true, "attempts": message.attempts,
        ]
        if let delivered = message.deliveredAt { line["delivered"] = moment(delivered) }
        if let error = message.lastError { line["error"] = error }
        return line
    }

    /// A change's source in words.
    static func label(_ source: ChangeSource) -> String {
        switch source {
        case .api: "the API"
        case .console: "the console"
        case .invitee: "the invitee"
        case .delivery: "the invitation's delivery"
        }
    }

    /// Sets the invite's status from its page's control (recorded as the console's, with the key's id).
    func changeStatus<Context>(_ id: String, _ inviteID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await inviteAction(id, inviteID, request, context) { principal, _, form in
            guard let status = FormBody.value("status", in: form).flatMap(InviteStatus.init(rawValue:)) else { return nil }
            _ = try await services.invites.updateStatus(eventID: id, inviteID: inviteID, to: status, by: principal, source: .console)
            return "status"
        }
    }

    /// Queues the invitation again on the form's channel.
    func resendInvitation<Context>(_ id: String, _ inviteID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await inviteAction(id, inviteID, request, context) { principal, _, form in
            guard let channel = FormBody.value("channel", in: form).flatMap(NotificationChannel.init(rawValue:)) else { return nil }
            _ = try await services.invites.resend(inviteID: inviteID, channel: channel, by: principal)
            return "resent"
        }
    }

    /// Erases the invite's reference face.
    func eraseFace<Context>(_ id: String, _ inviteID: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await inviteAction(id, inviteID, request, context) { principal, _, _ in
            _ = try await services.faces.erase(inviteID: inviteID, by: principal)
            return "face_erased"
        }
    }

    /// A posted action on an invite's page: checked (same site, signed in, the caller's invite), done, then the
    /// page again saying what was done. `act` answers the notice's name, or nil when the form is not understood.
    func inviteAction<Context>(
        _ id: String, _ inviteID: String, _ request: Request, _ context: ConsoleRequestContext<Context>,
        act: (Principal, Invite, String) async throws -> String?
    ) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        return try await withInvite(id, inviteID, context) { principal, _, invite in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            guard let done = try await act(principal, invite, form) else { return html(.unprocessableContent, "problem", ["bad_request": true]) }
            context.logger.info("Invite changed in the console", metadata: ["invite_id": "\(inviteID)", "action": "\(done)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/guests/\(inviteID)?done=\(done)"])
        }
    }

    /// The invite's entry QR code, as the door reads it.
    func inviteQR<Context>(_ id: String, _ inviteID: String, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withInvite(id, inviteID, context) { _, _, invite in
            guard let code = try? QRCode(encoding: invite.sessionCode) else { return html(.notFound, "problem", ["not_found": true]) }
            return Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: .init(byteBuffer: ByteBuffer(bytes: code.png(scale: 6)))
            )
        }
    }
}
