import Foundation
import HTTPTypes
import Hummingbird
import SecuregateAPI
import SecuregateCore

extension DoorPageRoutes {
    /// The largest camera frame a door page may send: 2 MiB (a scaled-down JPEG is a few dozen KiB).
    static let frameLimit = 2 << 20

    /// Scans a camera frame the page sent as its body (JPEG), as this device's door; `code` in the query is a
    /// code read before, whose face this frame is to show. Answers the page's JSON answer.
    func frame(_ request: Request) async throws -> Response {
        guard CrossSiteGuard.allows(request) else { return Self.json(.forbidden, state: "forbidden") }
        guard let (principal, door) = try await device(request) else { return Self.json(.unauthorized, state: "unpaired") }
        let query = request.uri.queryParameters
        let type: CheckinType = query["type"] == "exit" ? .exit : .entry
        let body = try await request.body.collect(upTo: Self.frameLimit)
        let scan = ScanRequest(
            code: query["code"].map(String.init) ?? "", type: type, gate: door.gate, nonce: query["nonce"].map(String.init),
            image: Data(buffer: body).base64EncodedString()
        )
        let outcome: ScanOutcome
        do {
            outcome = try await checkins.scan(scan, eventID: door.eventID, by: principal)
        } catch SecuregateError.tooManyFrames(let wait) {
            return Self.json(.tooManyRequests, state: "wait_frames", headers: [.retryAfter: String(wait)])
        } catch SecuregateError.frameReaderBusy {
            return Self.json(.serviceUnavailable, state: "wait_frames", headers: [.retryAfter: "1"])
        } catch SecuregateError.unreadableImage {
            return Self.json(.unprocessableContent, state: "unreadable")
        }
        return answer(outcome, type: type)
    }

    /// The page's JSON answer to a scan: its state (`ok`, `refused`, `wait` for a face, `none` for a frame
    /// that showed nobody), the invite it was about, the code to hold while the face is awaited, and the
    /// answer's HTML, made from the same template as the answer page.
    func answer(_ outcome: ScanOutcome, type: CheckinType) -> Response {
        let answer = DoorAnswer(outcome: outcome, type: type, timeZone: timeZone, back: "/door?type=\(type.rawValue)")
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("state")
        writer.string(answer.state.rawValue)
        writer.key("invite_id")
        if let invite = outcome.invite { writer.string(invite.id) } else { writer.null() }
        writer.key("code")
        if answer.state == .wait, let invite = outcome.invite { writer.string(invite.sessionCode) } else { writer.null() }
        writer.key("html")
        var context = answer.context
        context["camera"] = true
        writer.string(answer.state == .silent ? "" : templates.render("door-answer", context))
        writer.endObject()
        return Self.json(.ok, bytes: writer.takeBytes())
    }

    static func json(_ status: HTTPResponse.Status, state: String, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter(capacity: 32)
        writer.beginObject()
        writer.key("state")
        writer.string(state)
        writer.endObject()
        return json(status, bytes: writer.takeBytes(), headers: headers)
    }

    static func json(_ status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
