import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SecuregateApp

/// A loopback SMS gateway that speaks Twilio's Messages API: it records each request (path, basic auth, form
/// fields) and answers 201 with a message resource, unless an answer was queued for the number.
final class TestSMSGateway: @unchecked Sendable {
    struct Received: Sendable {
        var path: String
        var authorization: String?
        var contentType: String?
        var fields: [String: String]
    }

    /// A queued answer: a status, a `Retry-After` header when given, and a Twilio error body.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var retryAfter: String?
        var code: Int
        var message: String
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var answers: [String: [Answer]] = [:]

    var requests: [Received] { lock.withLock { received } }

    /// Answers the next request for `number` with `answer` instead of accepting it.
    func queue(_ answer: Answer, for number: String) {
        lock.withLock { answers[number, default: []].append(answer) }
    }

    /// Runs the gateway on a loopback port (a free one by default) while `body` runs, with the port.
    func run(port: Int = 0, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/2010-04-01/Accounts/{sid}/Messages.json") { request, context -> Response in
            let form = try await request.body.collect(upTo: 64 * 1024)
            let fields = Self.decodeForm(String(buffer: form))
            let entry = Received(
                path: request.uri.path, authorization: request.headers[.authorization],
                contentType: request.headers[.contentType], fields: fields
            )
            let answer: Answer? = self.lock.withLock {
                self.received.append(entry)
                let number = fields["To"] ?? ""
                guard var queued = self.answers[number], !queued.isEmpty else { return nil }
                let first = queued.removeFirst()
                self.answers[number] = queued
                return first
            }
            guard let answer else {
                let sid = "SM\(String(repeating: "0", count: 32 - String(self.requests.count).count))\(self.requests.count)"
                return Self.json(.created, #"{"sid":"\#(sid)","status":"queued","to":"\#(fields["To"] ?? "")"}"#)
            }
            var response = Self.json(answer.status, #"{"code":\#(answer.code),"message":"\#(answer.message)","status":\#(answer.status.code)}"#)
            if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
        // Run as a service rather than by the testing framework, which would choose its own port.
        let (ports, bound) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in bound.yield(channel.localAddress?.port ?? 0) },
            logger: { var logger = Logger(label: "sms-gateway"); logger.logLevel = .critical; return logger }()
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var waiting = ports.makeAsyncIterator()
            let port = await waiting.next() ?? 0
            defer { group.cancelAll() }
            try await body(port)
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `a=1&b=x+y` as a dictionary, `+` as a space and percent-escapes decoded.
    static func decodeForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
