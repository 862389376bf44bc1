import Foundation
import Hummingbird
import HummingbirdAuth
import SecuregateCore

extension ConsoleRoutes {
    /// The server's time zone as the form names it: `UTC` rather than `GMT`.
    var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// The form for a new event, empty.
    func newEventPage<Context>(_ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await withAccount(context) { principal in
            var page = EventForm(form: "", timeZone: timeZone).context()
            page["key_id"] = principal.keyID
            page["time_zone"] = zoneName
            return html(.ok, "console-event-form", page)
        }
    }

    /// The form of one of the caller's events, filled with it as it is (or as typed, with its errors).
    func editEventPage(_ principal: Principal, _ found: EventWithStats, form: EventForm? = nil, errors: [String: String] = [:]) -> Response {
        guard !found.event.isDeleted else { return Response(status: .seeOther, headers: [.location: "/console/events/\(found.event.id)"]) }
        var page = (form ?? EventForm(event: found.event, timeZone: timeZone)).context(errors: errors)
        page["key_id"] = principal.keyID
        page["time_zone"] = zoneName
        page["editing"] = true
        page["id"] = found.event.id
        return html(errors.isEmpty ? .ok : .unprocessableContent, "console-event-form", page)
    }

    /// Changes the caller's event as the API's `PUT /events/{id}` does (its image kept: the form has none);
    /// with what the API would refuse, the form again with each error next to its field.
    func updateEvent<Context>(_ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, found in
            let form = EventForm(form: String(buffer: try await request.body.collect(upTo: 64 * 1024)), timeZone: timeZone)
            switch form.draft() {
            case .failure(let errors):
                return editEventPage(principal, found, form: form, errors: errors.byField)
            case .success(var draft):
                draft.imageURL = found.event.imageURL
                _ = try await events.update(id, with: draft, by: principal)
                context.logger.info("Event changed in the console", metadata: ["event_id": "\(id)", "key_id": "\(principal.keyID)"])
                return Response(status: .seeOther, headers: [.location: "/console/events/\(id)?updated=1"])
            }
        }
    }

    /// Creates the form's event as the signed-in key; with what the API would refuse, the form again with each
    /// error next to its field (422).
    func createEvent<Context>(_ request: Request, context: ConsoleRequestContext<Context>) async throws -> Response {
        try await accountAction(request, context) { principal in
            let form = EventForm(form: String(buffer: try await request.body.collect(upTo: 64 * 1024)), timeZone: timeZone)
            switch form.draft() {
            case .success(let draft):
                let event = try await events.create(draft, by: principal)
                context.logger.info("Event created in the console", metadata: ["event_id": "\(event.id)", "key_id": "\(principal.keyID)"])
                return Response(status: .seeOther, headers: [.location: "/console?created=\(event.id)"])
            case .failure(let errors):
                var page = form.context(errors: errors.byField)
                page["key_id"] = principal.keyID
                page["time_zone"] = zoneName
                return html(.unprocessableContent, "console-event-form", page)
            }
        }
    }
}
