import Foundation
import HTTPTypes
import Hummingbird
import SecuregateCore

/// The door's pages for staff: pairing a device from its one-time link (its `checkin` key then lives in an
/// HTTP-only cookie, never shown), and `/door`, a form that keeps the focus for a keyboard-wedge scanner or a
/// typed code, answering full screen in green, red or amber, then back to scanning after two seconds. Plain
/// forms work without script; with it the page also scans camera frames (`/door/frame`), answers in place
/// with a sound and a vibration, and keeps its counts live (`/door/counts`).
public struct DoorPageRoutes: Sendable {
    /// The paths these routes serve, for the method check and the request log.
    public static let paths: [String: [String]] = [
        "/door": ["GET"], "/door/scan": ["POST"], "/door/frame": ["POST"], "/door/counts": ["GET"], "/door/pair/{token}": ["GET", "POST"],
    ]
    /// The cookie that holds the device's key.
    static let cookie = "securegate_door"

    let doors: DoorService
    let events: EventService
    let keys: KeyService
    let checkins: CheckinService
    let templates: PageTemplates
    let assets: PageAssets
    let timeZone: TimeZone
    /// Whether the cookie is only sent over HTTPS (the public address is https).
    let secureCookie: Bool
    /// The live counts of the events whose door pages are open.
    let feed: EventCountsFeed

    public init(
        doors: DoorService, events: EventService, keys: KeyService, checkins: CheckinService, templates: PageTemplates, assets: PageAssets, timeZone: TimeZone,
        secureCookie: Bool, feed: EventCountsFeed
    ) {
        self.doors = doors
        self.events = events
        self.keys = keys
        self.checkins = checkins
        self.templates = templates
        self.assets = assets
        self.timeZone = timeZone
        self.secureCookie = secureCookie
        self.feed = feed
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        let pages = router.group("door").add(middleware: PageHeadersMiddleware<Context>())
        pages.get("pair/{token}") { _, context in
            html(.ok, "door-pair", ["token": context.parameters.get("token") ?? ""])
        }
        pages.post("pair/{token}") { request, context in
            try await pair(request, token: context.parameters.get("token") ?? "")
        }
        pages.get { request, _ in
            guard let (principal, door) = try await device(request) else { return html(.unauthorized, "problem", ["unpaired": true]) }
            let type = request.uri.queryParameters["type"] == "exit" ? "exit" : "entry"
            let context: [String: Any] = ["gate": door.gate, "nonce": UUID().uuidString, type: true, "door_script": assets.path("door.js")]
            return html(.ok, "door", context.merging(try await counts(door, principal)) { $1 })
        }
        pages.post("scan") { request, _ in
            try await scan(request)
        }
        pages.post("frame") { request, _ in
            try await frame(request)
        }
        pages.get("counts") { request, _ in
            try await liveCounts(request)
        }
    }

    /// Pairs this device: sets the cookie with the door's new key and sends it to `/door`.
    func pair(_ request: Request, token: String) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        guard let (_, key) = try await doors.pair(token: token) else { return html(.notFound, "problem", ["pairing_closed": true]) }
        var response = Response(status: .seeOther, headers: [.location: "/door"])
        // A year: the door is revoked by the organizer, not by a cookie's age.
        response.setCookie(Cookie(
            name: Self.cookie, value: key.text, maxAge: 365 * 86_400, path: "/door", secure: secureCookie, httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// Scans the form's code as this device's door; answers with the result page, or with the page's JSON
    /// answer when the page's script asks for JSON.
    func scan(_ request: Request) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return html(.forbidden, "problem", ["forbidden": true]) }
        guard let (principal, door) = try await device(request) else { return html(.unauthorized, "problem", ["unpaired": true]) }
        let form = String(buffer: try await request.body.collect(upTo: 4096))
        let type: CheckinType = FormBody.value("type", in: form) == "exit" ? .exit : .entry
        let code = (FormBody.value("code", in: form) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let back = "/door?type=\(type.rawValue)"
        guard !code.isEmpty else { return Response(status: .seeOther, headers: [.location: back]) }
        let outcome = try await checkins.scan(
            ScanRequest(code: code, type: type, gate: door.gate, nonce: FormBody.value("nonce", in: form)), eventID: door.eventID, by: principal
        )
        if request.headers[.accept]?.contains("application/json") == true { return answer(outcome, type: type) }
        var answer = DoorAnswer(outcome: outcome, type: type, timeZone: timeZone, back: back).context
        answer["door_script"] = assets.path("door.js")
        return html(.ok, "door-result", answer.merging(try await counts(door, principal)) { $1 })
    }

    /// The event's title and its counts as the page is made: people inside, invites accepted.
    func counts(_ door: Door, _ principal: Principal) async throws -> [String: Any] {
        let event = try await events.get(door.eventID, for: principal)
        return ["event": event.event.title, "inside": event.inviteStats.checkedIn, "accepted": event.inviteStats.accepted]
    }

    /// The door and the key of the device that sent `request`, from its cookie; nil when it has none, or its
    /// key or door was revoked.
    func device(_ request: Request) async throws -> (Principal, Door)? {
        guard let token = request.cookies[Self.cookie]?.value,
              let principal = try? await keys.authenticate(token),
              let door = try await doors.door(of: principal), door.revokedAt == nil
        else { return nil }
        return (principal, door)
    }

    func html(_ status: HTTPResponse.Status, _ template: String, _ context: [String: Any]) -> Response {
        templates.page(status, template, context, assets: assets)
    }
}
