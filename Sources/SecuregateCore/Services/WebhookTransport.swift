import Foundation

/// Sends one webhook request: the event's payload, signed with the endpoint's secrets, to its URL.
public protocol WebhookTransport: Sendable {
    /// Posts `event` to `endpoint`, signed with each of `secrets`, and says what came back; the receiver's
    /// failures are in the answer, not thrown.
    func send(_ event: WebhookEvent, to endpoint: WebhookEndpoint, secrets: [String]) async -> WebhookResponse
}

/// What a receiver made of one request.
public struct WebhookResponse: Sendable, Equatable {
    /// The HTTP status, when the receiver answered.
    public var statusCode: Int?
    /// The first kilobyte of the answer's body.
    public var body: String
    /// Why there was no answer: the connection failed, the time ran out, the address is not allowed.
    public var error: String?
    /// How long the receiver asked to be left alone (`Retry-After`).
    public var retryAfter: TimeInterval?

    public init(statusCode: Int?, body: String = "", error: String? = nil, retryAfter: TimeInterval? = nil) {
        self.statusCode = statusCode
        self.body = body
        self.error = error
        self.retryAfter = retryAfter
    }

    /// Whether the receiver took it: any 2xx, and nothing else (a redirect is not followed).
    public var isSuccess: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
}
