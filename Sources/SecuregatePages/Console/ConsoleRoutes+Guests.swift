import Foundation
import Hummingbird
import SecuregateCore

extension ConsoleRoutes {
    /// An event's guest list: a page of its invites (a status, a search, a place in the list), each with a box
    /// to select it for the actions under the table.
    func guestsPage<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            let list = GuestListQuery(request.uri.query ?? "")
            let page = try await services.invites.page(eventID: id, query: list.query, for: principal)
            var view: [String: Any] = [
                "key_id": principal.keyID, "id": id, "title": found.event.title, "archived": found.event.isDeleted,
                "search": list.search, "filtered": list.isFiltered, "invites": page.invites.map { guestRow($0) },
                "none": page.invites.isEmpty, "export_url": "/console/events/\(id)/guests.csv\(list.queryString())",
                "total": found.inviteStats.total, "console_script": assets.path("console.js"),
                "self_url": "/console/events/\(id)/guests\(list.queryString(list.positionPairs))",
            ]
            if let status = list.status {
                view["status_\(status.rawValue)"] = true
                view["status_count"] = found.inviteStats.count(of: status)
            }
            if let before = page.previousBefore { view["previous_url"] = "/console/events/\(id)/guests\(list.queryString([("before", before)]))" }
            if let after = page.nextAfter { view["next_url"] = "/console/events/\(id)/guests\(list.queryString([("after", after)]))" }
            if let done = FormBody.value("done", in: request.uri.query ?? ""), let count = Int(FormBody.value("count", in: request.uri.query ?? "") ?? "") {
                view["done_\(done)"] = true
                view["done_count"] = count
                view["done_one"] = count == 1
            }
            return html(.ok, "console-guests", view)
        }
    }

    /// One row of the guest list.
    func guestRow(_ invite: Invite) -> [String: Any] {
        var row: [String: Any] = [
            "invite_id": invite.id, "email": invite.email, "status": invite.status.rawValue, "status_label": Self.label(invite.status),
            "method": invite.authenticationMethod.rawValue, "name": Self.name(of: invite),
        ]
        if let seen = invite.lastSeen { row["last_seen"] = moment(seen) }
        return row
    }

    /// How an invitee is called on a page: their name, or their email when they have none.
    static func name(of invite: Invite) -> String {
        let name = [invite.firstName, invite.lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? invite.email : name
    }

    /// A status in words.
    static func label(_ status: InviteStatus) -> String {
        switch status {
        case .pending: "Pending"
        case .sent: "Sent"
        case .accepted: "Accepted"
        case .rejected: "Rejected"
        }
    }

    /// `1 Dec 2026, 19:42` in the server's zone.
    func moment(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .abbreviated) \(year: .defaultDigits), \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: timeZone, calendar: Calendar(identifier: .gregorian)
        ))
    }

    /// The selected invites accepted, rejected or sent their invitation again (by email, and by SMS to those
    /// with a mobile number), then the list again with what was done.
    func bulkAction<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, _ in
            let form = String(buffer: try await request.body.collect(upTo: 1024 * 1024))
            let selected = FormBody.values("invite", in: form)
            let back = FormBody.value("back", in: form).flatMap { $0.hasPrefix("/console/events/\(id)/guests") ? $0 : nil } ?? "/console/events/\(id)/guests"
            let action = FormBody.value("action", in: form) ?? ""
            var done = 0
            for inviteID in selected {
                switch action {
                case "accept", "reject":
                    let status: InviteStatus = action == "accept" ? .accepted : .rejected
                    _ = try await services.invites.updateStatus(eventID: id, inviteID: inviteID, to: status, by: principal, source: .console)
                case "resend":
                    let invite = try await services.invites.get(inviteID, for: principal)
                    guard invite.eventID == id else { throw SecuregateError.inviteNotFound }
                    for channel in Self.channels(of: invite) {
                        _ = try await services.invites.resend(inviteID: inviteID, channel: channel, by: principal)
                    }
                default:
                    return html(.unprocessableContent, "problem", ["bad_request": true])
                }
                done += 1
            }
            context.logger.info("Guest list action in the console", metadata: ["event_id": "\(id)", "action": "\(action)", "count": "\(done)", "key_id": "\(principal.keyID)"])
            let separator = back.contains("?") ? "&" : "?"
            return Response(status: .seeOther, headers: [.location: "\(back)\(separator)done=\(action)&count=\(done)"])
        }
    }

    /// The channels an invitation is sent again on: email, and SMS when the invite has a mobile number.
    static func channels(of invite: Invite) -> [NotificationChannel] {
        invite.mobileNumber.isEmpty ? [.email] : [.email, .sms]
    }
}
