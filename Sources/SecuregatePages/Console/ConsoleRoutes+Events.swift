import Foundation
import Hummingbird
import HummingbirdAuth
import SecuregateCore

extension ConsoleRoutes {
    /// The server's time zone as the form names it: `UTC` rather than `GMT`.
    var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    /// The form for a new event, empty.
    func newEventPage<Context>(_ context: ConsoleRequestContext<Context>) async throws -> Response {
        guard let principal = try await signedIn(context) else { return Response(status: .seeOther, headers: [.location: "/console"]) }
        var page = EventForm(form: "", timeZone: timeZone).context()
        page["key_id"] = principal.keyID
        page["time_zone"] = zoneName
        return html(.ok, "console-event-form", page)
    }

    /// Creates the form's event as the signed-in key; with what the API would refuse, the form again with each
    /// error next to its field (422).
    func createEvent<Context>(_ request: Request, context: ConsoleRequestContext<Context>) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        guard let principal = try await signedIn(context) else { return Response(status: .seeOther, headers: [.location: "/console"]) }
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
