import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SecuregateCore

/// SMS through a Twilio-compatible Messages API over async-http-client. The gateway's answer decides: 2xx is
/// delivered; 429 and 5xx are temporary, with the gateway's `Retry-After` honoured; refused credentials (401,
/// 403) are temporary too (an operator can correct them); any other 4xx is a permanent failure with the
/// gateway's reason (a number it cannot send to); no answer at all (connection, TLS, time-out) is temporary.
/// Redirects are not followed: a POST must reach the gateway it was meant for.
public final class SMSTransport: NotificationTransport, Sendable {
    let settings: SMSGatewaySettings
    let templates: MessageTemplates
    let time: any TimeSource
    private let client: HTTPClient
    private let slots: WorkerPool<Int>

    /// A transport to the gateway of `settings`, with at most `requests` in flight at once, writing messages
    /// with `templates`. Call `shutdown()` when done.
    public init(settings: SMSGatewaySettings, requests: Int = 8, templates: MessageTemplates, time: any TimeSource) {
        self.settings = settings
        self.templates = templates
        self.time = time
        client = HTTPClient(configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(settings.connectTimeoutSeconds), read: .seconds(settings.timeoutSeconds))
        ))
        slots = WorkerPool(limit: requests) { 0 }
    }

    /// Closes the gateway's connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func deliver(_ invitation: Invitation) async throws {
        guard let number = PhoneNumber(e164: invitation.message.recipient) else {
            throw DeliveryFailure.permanent("not a phone number: \(invitation.message.recipient)")
        }
        var request = HTTPClientRequest(url: settings.endpoint)
        request.method = .POST
        request.headers.add(name: "Authorization", value: settings.authorization)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode([
            ("To", number.e164),
            (settings.fromIsMessagingService ? "MessagingServiceSid" : "From", settings.from),
            ("Body", templates.sms(for: invitation)),
        ])))
        let slot = try await slots.take()
        let answer = await post(request)
        await slots.give(slot)
        let (status, headers, body) = try answer.get()
        try Self.judge(status: status, headers: headers, body: body, now: time.now())
    }

    /// The gateway's answer to `request`, or the temporary failure of getting none.
    private func post(_ request: HTTPClientRequest) async -> Result<(HTTPResponseStatus, HTTPHeaders, ByteBuffer), DeliveryFailure> {
        do {
            let response = try await client.execute(request, timeout: .seconds(settings.timeoutSeconds))
            let body = try await response.body.collect(upTo: 64 * 1024)
            return .success((response.status, response.headers, body))
        } catch {
            return .failure(.temporary("the SMS gateway did not answer: \(error)"))
        }
    }

    /// Throws the failure a gateway's answer means; returns when it accepted the message.
    static func judge(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, now: Date) throws {
        let code = Int(status.code)
        if (200..<300).contains(code) { return }
        let reason = "HTTP \(code): \(gatewayReason(body) ?? status.reasonPhrase)"
        switch code {
        case 429, 500...:
            throw DeliveryFailure.temporary(reason, retryAfter: headers.first(name: "Retry-After").flatMap { RetryAfter.seconds($0, now: now) })
        case 401, 403:
            throw DeliveryFailure.temporary("the SMS gateway refused the credentials: \(reason)")
        default:
            throw DeliveryFailure.permanent(reason)
        }
    }

    /// The gateway's own words from a Twilio error body: `{"code": 21211, "message": "…"}`.
    static func gatewayReason(_ body: ByteBuffer) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let message = object["message"] as? String
        else { return nil }
        return (object["code"] as? Int).map { "\(message) (code \($0))" } ?? message
    }
}
