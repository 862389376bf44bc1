import Foundation
import Hummingbird
import SecuregateCore

/// An event page's start: the caller's event, or the answer to give instead.
enum ConsoleEventAccess {
    case event(Principal, EventWithStats)
    case answer(Response)
}

extension ConsoleRoutes {
    /// The caller's event for the page, or the answer to give instead (signed out: to signing in; not the
    /// caller's: not found).
    func signedInEvent<Context>(_ id: String, _ context: ConsoleRequestContext<Context>) async throws -> ConsoleEventAccess {
        guard let principal = try await signedIn(context) else { return .answer(Response(status: .seeOther, headers: [.location: "/console"])) }
        do {
            return .event(principal, try await events.get(id, for: principal))
        } catch SecuregateError.eventNotFound {
            return .answer(html(.notFound, "problem", ["not_found": true]))
        }
    }

    /// A page of one of the caller's events: `page` makes it, or the answer of `signedInEvent` is given instead.
    func withEvent<Context>(
        _ id: String, _ context: ConsoleRequestContext<Context>, page: (Principal, EventWithStats) async throws -> Response
    ) async throws -> Response {
        switch try await signedInEvent(id, context) {
        case .answer(let answer): return answer
        case .event(let principal, let found): return try await page(principal, found)
        }
    }

    /// A posted action on one of the caller's events: refused from another site, then done as `withEvent` makes a page.
    func eventAction<Context>(
        _ id: String, _ request: Request, _ context: ConsoleRequestContext<Context>, act: (Principal, EventWithStats) async throws -> Response
    ) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        return try await withEvent(id, context, page: act)
    }

    /// An event's page: when and where, its invites counted by status, and the people inside, kept live.
    func eventPage<Context>(_ id: String, _ context: ConsoleRequestContext<Context>, confirming: Bool = false, updated: Bool = false) async throws -> Response {
        try await withEvent(id, context) { principal, found in
            let event = found.event
            let times = EventTimes(event, in: timeZone)
            let stats = found.inviteStats
            var page: [String: Any] = [
                "key_id": principal.keyID, "id": event.id, "title": event.title, "starts_on": times.startsOn, "starts_at": times.startsAt, "ends_on": times.endsOn,
                "ends_at": times.endsAt, "same_day": times.sameDay, "status_\(found.status.singleEventSpelling)": true, "archived": event.isDeleted,
                "total": stats.total, "pending": stats.pending, "sent": stats.sent, "accepted": stats.accepted, "rejected": stats.rejected,
                "inside": stats.checkedIn, "console_script": assets.path("console.js"), "confirming": confirming, "updated": updated,
            ]
            // Mustache's sections take an empty string as present: what is empty is left out.
            for (name, text) in [("description", event.description), ("city", event.location.city), ("address", event.location.address)] where !text.isEmpty {
                page[name] = text
            }
            return html(.ok, "console-event", page)
        }
    }

    /// Archives the event (the API's `DELETE /events/{id}`), after the confirmation page's button.
    func archiveEvent<Context>(_ id: String, _ request: Request, context: ConsoleRequestContext<Context>) async throws -> Response {
        try await eventAction(id, request, context) { principal, _ in
            let event = try await events.delete(id, for: principal)
            context.logger.info("Event archived in the console", metadata: ["event_id": "\(event.id)", "key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console/events/\(event.id)"])
        }
    }

    /// The event's counts as Server-Sent Events, for its page.
    func eventCounts<Context>(_ id: String, _ context: ConsoleRequestContext<Context>) async throws -> Response {
        switch try await signedInEvent(id, context) {
        case .answer: return Response(status: .unauthorized)
        case .event(let caller, _): return counts.stream(eventID: id, as: caller)
        }
    }
}
