import Foundation
import Hummingbird
import SecuregateCore

extension ConsoleRoutes {
    /// The form for one guest, empty (or as typed, with its errors).
    func newGuestPage(_ principal: Principal, _ found: EventWithStats, form: InviteForm = InviteForm(form: ""), errors: [String: String] = [:]) -> Response {
        var page = form.context(errors: errors)
        page["key_id"] = principal.keyID
        page["id"] = found.event.id
        page["title"] = found.event.title
        return html(errors.isEmpty ? .ok : .unprocessableContent, "console-guest-form", page)
    }

    /// Invites the form's guest as the API's batch create would (an email already invited is not invited
    /// twice: its invite's page is shown instead); with what the API would refuse, the form again.
    func addGuest<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, found in
            let form = InviteForm(form: String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            switch form.draft() {
            case .failure(let errors):
                return newGuestPage(principal, found, form: form, errors: errors.byField)
            case .success(let draft):
                let (invites, count) = try await services.invites.createCountingBatch(
                    [draft], eventID: id, notify: form.notify, flow: .onlyAuth, by: principal, source: .console
                )
                let done = count.created == 1 ? "added" : "already_invited"
                context.logger.info("Guest added in the console", metadata: ["event_id": "\(id)", "invite_id": "\(invites[0].id)", "key_id": "\(principal.keyID)"])
                return Response(status: .seeOther, headers: [.location: "/console/events/\(id)/guests/\(invites[0].id)?done=\(done)"])
            }
        }
    }

    /// The guest list as CSV, with the filters of the page it was asked from: the API's invite columns (so the
    /// file can be imported again), then status, entry code, last seen and creation (ISO 8601 in the server's
    /// zone). Written a thousand invites at a time, so a long list is never held whole.
    func exportGuests<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withEvent(id, context) { principal, _ in
            var list = GuestListQuery(request.uri.query ?? "", limit: 1000)
            list.query.position = .first
            let invites = services.invites
            let zone = timeZone
            context.logger.info("Guest list exported from the console", metadata: ["event_id": "\(id)", "key_id": "\(principal.keyID)"])
            let body = ResponseBody { [list] writer in
                let formatter = ISO8601DateFormatter()
                formatter.timeZone = zone
                var query = list.query
                try await writer.write(ByteBuffer(string: CSVWriter.line(InviteImport.columns + ["status", "entry_code", "last_seen", "created_at", "id"])))
                while true {
                    let page = try await invites.page(eventID: id, query: query, for: principal)
                    var text = ""
                    for invite in page.invites {
                        text += CSVWriter.line([
                            invite.firstName, invite.lastName, invite.email, invite.countryCode.rawValue, invite.mobileNumber,
                            invite.authenticationMethod.rawValue, invite.status.rawValue, invite.sessionCode,
                            invite.lastSeen.map { formatter.string(from: $0) } ?? "", formatter.string(from: invite.createdAt), invite.id,
                        ])
                    }
                    try await writer.write(ByteBuffer(string: text))
                    guard let next = page.nextAfter else { break }
                    query.position = .after(next)
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"guests-\(id).csv\"",
                ],
                body: body
            )
        }
    }
}
