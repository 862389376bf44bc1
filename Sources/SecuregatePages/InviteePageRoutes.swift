import Foundation
import HTTPTypes
import Hummingbird
import SecuregateCore
import SecuregateQR

/// The invitee's personal page at `/i/{token}`: the event, Accept and Decline, and once accepted the entry
/// pass (QR code, entry code, calendar file). Plain forms, posted then redirected, so that it works without
/// JavaScript. Handlers translate; `InviteeService` decides.
public struct InviteePageRoutes: Sendable {
    /// The paths and their methods, for the server's route table (405s, logged paths without the token).
    public static let paths: [String: [String]] = [
        "/i/{token}": ["GET"], "/i/{token}/answer": ["POST"], "/i/{token}/qr.png": ["GET"],
        "/i/{token}/invitation.ics": ["GET"], "/i/{token}/face": ["POST"], "/i/{token}/face/remove": ["POST"],
        "/i/{token}/event-image": ["GET"],
    ]

    let invitees: InviteeService
    let templates: PageTemplates
    let assets: PageAssets
    let timeZone: TimeZone
    let time: any TimeSource
    let limiter = AnswerLimiter()
    let images: EventImageCache

    public init(
        invitees: InviteeService, templates: PageTemplates, assets: PageAssets, timeZone: TimeZone, time: any TimeSource,
        imageFetcher: any ImageFetcher
    ) {
        self.invitees = invitees
        self.templates = templates
        self.assets = assets
        self.timeZone = timeZone
        self.time = time
        self.images = EventImageCache(fetcher: imageFetcher)
    }

    /// Adds the page's routes, with the page headers, to `router`.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let pages = router.group("i").add(middleware: PageHeadersMiddleware<Context>())
        pages.get("{token}") { request, context in
            try await page(token: context.parameters.get("token") ?? "", faceResult: request.uri.queryParameters["face"].map(String.init))
        }
        pages.post("{token}/answer") { request, context in
            try await answer(request, token: context.parameters.get("token") ?? "")
        }
        pages.get("{token}/qr.png") { _, context in
            try await file(token: context.parameters.get("token") ?? "") { invite, _ in
                guard invite.status == .accepted, let code = try? QRCode(encoding: invite.sessionCode) else { return nil }
                return ("image/png", nil, code.png())
            }
        }
        pages.get("{token}/invitation.ics") { _, context in
            try await file(token: context.parameters.get("token") ?? "") { [time] invite, event in
                ("text/calendar; charset=utf-8", "attachment; filename=\"invitation.ics\"",
                 CalendarFile(invite: invite, event: event, stamp: time.now()).bytes)
            }
        }
        pages.get("{token}/event-image") { _, context in
            try await eventImage(token: context.parameters.get("token") ?? "")
        }
        pages.post("{token}/face") { request, context in
            try await enrollFace(request, token: context.parameters.get("token") ?? "")
        }
        pages.post("{token}/face/remove") { request, context in
            try await removeFace(request, token: context.parameters.get("token") ?? "")
        }
    }

    /// The page, or the page that says there is none; `faceResult` names what the last face step did.
    func page(token: String, faceResult: String?) async throws -> Response {
        do {
            let (invite, event, stage) = try await invitees.invitation(token: token)
            var context = InviteePage.context(invite: invite, event: event, stage: stage, base: "/i/\(token)", timeZone: timeZone)
            // Shown unless it is known not to load (the image route fetches it on first need).
            if let url = event.imageURL, !url.isEmpty, images.isKnownBroken(url, now: time.now()) == false {
                context["event_image_url"] = "/i/\(token)/event-image"
            }
            if InviteeService.faceStepIsOpen(for: invite, stage: stage) {
                let settings = invitees.faces.storageSettings
                context.merge(
                    InviteePage.faceContext(
                        base: "/i/\(token)", enrolled: try await invitees.faces.isEnrolled(invite), keepsPhotos: settings.keepPhotos,
                        retention: settings.retentionAfterDelete, result: faceResult
                    )
                ) { $1 }
                context["camera_script"] = assets.path("camera.js")
            }
            return html(.ok, "invitee", context)
        } catch SecuregateError.linkNotFound {
            return problem(.notFound, "not_found")
        }
    }

    /// Records Accept or Decline, then sends the browser back to the page.
    func answer(_ request: Request, token: String) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return problem(.forbidden, "forbidden") }
        guard limiter.allow(token, at: time.now()) else { return problem(.tooManyRequests, "too_many") }
        let form = try await request.body.collect(upTo: 4096)
        let answer = FormBody.value("answer", in: String(buffer: form))
        guard answer == "accept" || answer == "decline" else { return problem(.badRequest, "not_found") }
        do {
            _ = try await invitees.answer(token: token, accept: answer == "accept")
            return Response(status: .seeOther, headers: [.location: "/i/\(token)"])
        } catch SecuregateError.linkNotFound {
            return problem(.notFound, "not_found")
        } catch SecuregateError.answerClosed {
            return problem(.conflict, "closed", ["back_url": "/i/\(token)"])
        }
    }

    /// The event's image, fetched by the server; 404 when there is none or it cannot be shown.
    func eventImage(token: String) async throws -> Response {
        guard let (_, event, _) = try? await invitees.invitation(token: token), let url = event.imageURL, !url.isEmpty,
              let image = await images.image(at: url, now: time.now())
        else { return problem(.notFound, "not_found") }
        return Response(status: .ok, headers: [.contentType: image.type], body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
    }

    /// A file of the invitation (its QR code, its calendar), or 404 when the link or the file does not exist.
    func file(
        token: String, _ make: @Sendable (Invite, Event) throws -> (type: String, disposition: String?, bytes: [UInt8])?
    ) async throws -> Response {
        guard let (invite, event, _) = try? await invitees.invitation(token: token), let file = try make(invite, event) else {
            return problem(.notFound, "not_found")
        }
        var headers: HTTPFields = [.contentType: file.type]
        if let disposition = file.disposition { headers[.contentDisposition] = disposition }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    func html(_ status: HTTPResponse.Status, _ template: String, _ context: [String: Any]) -> Response {
        templates.page(status, template, context, assets: assets)
    }

    /// A page that explains a refusal, its text chosen by `kind`.
    func problem(_ status: HTTPResponse.Status, _ kind: String, _ extra: [String: Any] = [:]) -> Response {
        html(status, "problem", extra.merging([kind: true]) { $1 })
    }
}
