import Foundation
import NIOCore
import NIOHTTP1
import SecuregateAPI
import SecuregateCore

/// Posts webhook events as the Standard Webhooks specification says: a JSON body
/// `{"type", "timestamp", "data"}`, and the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.
/// The URL's addresses go through the same policy as image URLs; redirects are not followed; the whole request
/// ends within `timeout`; the first kilobyte of the answer is kept.
public struct HTTPWebhookTransport: WebhookTransport {
    let http: OutboundHTTP
    let time: any TimeSource
    /// The longest a request may take, from resolving the host to the answer's last byte.
    public var timeout: TimeAmount
    /// How much of an answer's body is kept for the log.
    public var keptBytes = 1024

    /// A transport that refuses private, loopback and link-local addresses unless `allowPrivateAddresses`.
    public init(allowPrivateAddresses: Bool = false, timeout: TimeAmount = .seconds(15), time: any TimeSource) throws {
        self.http = try OutboundHTTP(allowPrivateAddresses: allowPrivateAddresses)
        self.timeout = timeout
        self.time = time
    }

    public func send(_ event: WebhookEvent, to endpoint: WebhookEndpoint, secrets: [String]) async -> WebhookResponse {
        guard let target = OutboundURL(endpoint.url) else { return WebhookResponse(statusCode: nil, error: "the URL cannot be called") }
        let now = time.now()
        let body = Self.body(of: event)
        let timestamp = Int(now.timeIntervalSince1970.rounded(.down))
        let signer = WebhookSigner(secrets: secrets.compactMap(WebhookSigner.Secret.init))
        let headers: HTTPHeaders = [
            "content-type": "application/json",
            "webhook-id": event.id,
            "webhook-timestamp": String(timestamp),
            "webhook-signature": signer.signature(id: event.id, timestamp: timestamp, body: body),
        ]
        do {
            let response = try await http.exchange(
                target, method: .POST, headers: headers, body: ByteBuffer(bytes: body), deadline: .now() + timeout,
                maxBytes: keptBytes, overflow: .truncate
            )
            return WebhookResponse(
                statusCode: Int(response.head.status.code), body: String(decoding: response.body.readableBytesView, as: UTF8.self),
                retryAfter: response.head.headers.first(name: "retry-after").flatMap { RetryAfter.seconds($0, now: now) }
            )
        } catch let failure as OutboundHTTP.Failure {
            return WebhookResponse(statusCode: nil, error: failure.reason)
        } catch {
            return WebhookResponse(statusCode: nil, error: "the request failed")
        }
    }

    /// The payload: the event's type, when it happened, and its data.
    static func body(of event: WebhookEvent) -> [UInt8] {
        Array(#"{"type":"\#(event.type.rawValue)","timestamp":"\#(RFC3339.format(event.createdAt))","data":\#(event.data)}"#.utf8)
    }
}
