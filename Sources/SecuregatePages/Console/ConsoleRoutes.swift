import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import SecuregateCore

/// The organizer's console, `/console`: signing in once with an admin key (then a server-side session in an
/// HTTP-only, `SameSite=Strict` cookie, `Secure` over HTTPS, ended after 12 idle hours or by signing out),
/// and the account's events grouped as the API groups them. Everything is done as the key signed in with.
public struct ConsoleRoutes: Sendable {
    /// The paths these routes serve, for the method check and the request log.
    public static let paths: [String: [String]] = [
        "/console": ["GET"], "/console/sign-in": ["POST"], "/console/sign-out": ["POST"], "/console/events": ["POST"], "/console/events/new": ["GET"],
        "/console/events/{id}": ["GET"], "/console/events/{id}/counts": ["GET"], "/console/events/{id}/archive": ["GET", "POST"],
        "/console/events/{id}/edit": ["GET", "POST"],
        "/console/events/{id}/guests": ["GET", "POST"], "/console/events/{id}/guests/new": ["GET"], "/console/events/{id}/guests.csv": ["GET"],
        "/console/events/{id}/guests/actions": ["POST"], "/console/events/{id}/guests/{invite}": ["GET"],
        "/console/events/{id}/guests/{invite}/status": ["POST"], "/console/events/{id}/guests/{invite}/resend": ["POST"],
        "/console/events/{id}/guests/{invite}/erase-face": ["POST"], "/console/events/{id}/guests/{invite}/qr.png": ["GET"],
        "/console/events/{id}/import": ["GET", "POST"], "/console/events/{id}/import/{upload}": ["GET", "POST"],
        "/console/keys": ["GET", "POST"], "/console/keys/{key}/revoke": ["POST"], "/console/webhooks": ["GET", "POST"],
        "/console/webhooks/{endpoint}": ["GET"], "/console/webhooks/{endpoint}/{action}": ["POST"],
        "/console/events/{id}/door": ["GET", "POST"], "/console/events/{id}/door/ledger": ["GET"], "/console/events/{id}/door/{door}/revoke": ["POST"],
    ]
    /// The session cookie's name.
    static let cookie = "securegate_console"

    let services: ConsoleServices
    let templates: PageTemplates
    let assets: PageAssets
    let timeZone: TimeZone
    let sessions: any PersistDriver
    /// Whether the cookie is only sent over HTTPS (the public address is https).
    let secureCookie: Bool
    /// The live counts of the events whose pages are open.
    let counts: EventCountsFeed

    public init(
        services: ConsoleServices, templates: PageTemplates, assets: PageAssets, timeZone: TimeZone, sessions: any PersistDriver,
        secureCookie: Bool, counts: EventCountsFeed
    ) {
        self.services = services
        self.templates = templates
        self.assets = assets
        self.timeZone = timeZone
        self.sessions = sessions
        self.secureCookie = secureCookie
        self.counts = counts
    }

    var console: ConsoleService { services.console }
    var events: EventService { services.events }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        let cookie = SessionCookieParameters(name: Self.cookie, path: "/console", secure: secureCookie, sameSite: .strict)
        let pages = router.group("console", context: ConsoleRequestContext<Context>.self)
            .add(middleware: PageHeadersMiddleware<ConsoleRequestContext<Context>>())
            .add(middleware: ConsoleProblemMiddleware<ConsoleRequestContext<Context>>(templates: templates, assets: assets))
            .add(middleware: SessionMiddleware(
                storage: sessions,
                configuration: .init(sessionCookieParameters: cookie, keyPrefix: "console.", defaultSessionExpiration: .seconds(Int64(console.idleLimit)))
            ))
        pages.get { request, context in
            guard let principal = try await signedIn(context) else { return html(.ok, "console-sign-in", [:]) }
            return try await eventsPage(principal, created: request.uri.queryParameters["created"].map(String.init))
        }
        pages.get("events/new") { _, context in
            try await newEventPage(context)
        }
        pages.post("events") { request, context in
            try await createEvent(request, context: context)
        }
        pages.get("events/{id}") { request, context in
            try await eventPage(context.parameters.get("id") ?? "", context, updated: FormBody.value("updated", in: request.uri.query ?? "") != nil)
        }
        pages.get("events/{id}/edit") { _, context in try await withEvent(Self.event(context), context) { editEventPage($0, $1) } }
        pages.post("events/{id}/edit") { request, context in try await updateEvent(Self.event(context), request, context) }
        pages.get("events/{id}/counts") { _, context in
            try await eventCounts(context.parameters.get("id") ?? "", context)
        }
        pages.get("events/{id}/archive") { _, context in
            try await eventPage(context.parameters.get("id") ?? "", context, confirming: true)
        }
        pages.post("events/{id}/archive") { request, context in
            try await archiveEvent(context.parameters.get("id") ?? "", request, context: context)
        }
        registerGuests(on: pages)
        pages.get("keys") { request, context in try await withAccount(context) { try await keysPage($0, request) } }
        pages.post("keys") { request, context in try await createKey(request, context) }
        pages.post("keys/{key}/revoke") { request, context in try await revokeKey(context.parameters.get("key") ?? "", request, context) }
        pages.get("webhooks") { _, context in try await withAccount(context) { try await webhooksPage($0) } }
        pages.post("webhooks") { request, context in try await createWebhook(request, context) }
        pages.get("webhooks/{endpoint}") { request, context in
            try await withAccount(context) { try await webhookPage($0, context.parameters.get("endpoint") ?? "", request) }
        }
        pages.post("webhooks/{endpoint}/{action}") { request, context in
            try await webhookAction(context.parameters.get("endpoint") ?? "", context.parameters.get("action") ?? "", request, context)
        }
        pages.post("sign-in") { request, context in
            try await signIn(request, context: context)
        }
        pages.post("sign-out") { request, context in
            guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
            context.sessions.clearSession()
            return Response(status: .seeOther, headers: [.location: "/console"])
        }
    }

    /// Begins a session for the form's admin key; says why not in words next to the field.
    func signIn<Context>(_ request: Request, context: ConsoleRequestContext<Context>) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        let form = String(buffer: try await request.body.collect(upTo: 4096))
        do {
            let principal = try await console.signIn(key: FormBody.value("key", in: form) ?? "")
            // A new session (and cookie) at each sign-in: an identifier planted before it opens nothing.
            context.sessions.createSession(ConsoleSession(keyID: principal.keyID), expiresIn: .seconds(Int64(console.idleLimit)))
            context.logger.info("Console session begun", metadata: ["key_id": "\(principal.keyID)"])
            return Response(status: .seeOther, headers: [.location: "/console"])
        } catch SecuregateError.notAllowedForKey {
            return html(.forbidden, "console-sign-in", ["checkin_key": true])
        } catch SecuregateError.invalidAPIKey {
            return html(.unauthorized, "console-sign-in", ["invalid_key": true])
        }
    }

    /// Who the request's session acts as: nil without a session, or when its key was revoked or has expired
    /// (the session then ends). A session in use is kept for another `idleLimit`, refreshed at most every few
    /// minutes so that reading pages is not a write each time.
    func signedIn<Context>(_ context: ConsoleRequestContext<Context>) async throws -> Principal? {
        guard let session = context.sessions.session else { return nil }
        guard let principal = try await console.principal(keyID: session.keyID) else {
            context.sessions.clearSession()
            return nil
        }
        let left = context.sessions.withLockedSession { $0?.expiresIn }
        if let left, left < .seconds(Int64(console.idleLimit) - 300) {
            _ = context.sessions.updateSession(session, expiresIn: .seconds(Int64(console.idleLimit)))
        }
        return principal
    }

    /// A page of the signed-in account: `page` makes it, or a signed-out browser is sent to sign in.
    func withAccount<Context>(_ context: ConsoleRequestContext<Context>, page: (Principal) async throws -> Response) async throws -> Response {
        guard let principal = try await signedIn(context) else { return Response(status: .seeOther, headers: [.location: "/console"]) }
        return try await page(principal)
    }

    /// A posted action of the signed-in account: refused from another site, then done as `withAccount` makes a page.
    func accountAction<Context>(
        _ request: Request, _ context: ConsoleRequestContext<Context>, act: (Principal) async throws -> Response
    ) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        return try await withAccount(context, page: act)
    }

    /// The account's events, grouped as the API groups them: ongoing, upcoming, ended, archived.
    func eventsPage(_ principal: Principal, created: String? = nil) async throws -> Response {
        let grouped = try await events.list(for: principal)
        let groups: [(String, [Event])] = [
            ("ongoing", grouped.ongoing), ("upcoming", grouped.upcoming), ("ended", grouped.ended), ("archived", grouped.archived),
        ]
        var context: [String: Any] = ["key_id": principal.keyID, "none": groups.allSatisfy { $0.1.isEmpty }]
        if let created, let event = groups.flatMap(\.1).first(where: { $0.id == created }) { context["created_title"] = event.title }
        for (name, list) in groups {
            context["has_\(name)"] = !list.isEmpty
            context[name] = list.map { event in
                let times = EventTimes(event, in: timeZone)
                var item: [String: Any] = [
                    "id": event.id, "title": event.title, "created": event.id == created, "starts_on": times.startsOn, "starts_at": times.startsAt,
                    "ends_on": times.endsOn, "ends_at": times.endsAt, "same_day": times.sameDay,
                ]
                if !event.location.city.isEmpty { item["city"] = event.location.city }
                return item
            }
        }
        return html(.ok, "console-events", context)
    }

    func html(_ status: HTTPResponse.Status, _ template: String, _ context: [String: Any]) -> Response {
        templates.page(status, template, context, assets: assets)
    }
}
