import Foundation
import Hummingbird
import SecuregateCore
import ServiceLifecycle

extension EventCountsFeed {
    /// How long one counts stream lasts. The browser connects again by itself, and a device or session that
    /// lost its right meanwhile is then refused, so the page learns of it within this time.
    static let streamLifetime: Duration = .seconds(60)
    /// A comment line this often keeps proxies from closing a quiet stream and tells a gone page from one that
    /// watches.
    static let heartbeat: TimeInterval = 15

    /// `eventID`'s counts as Server-Sent Events (`counts`, JSON), each change within about a second, read as
    /// `principal`.
    func stream(eventID: String, as principal: Principal) -> Response {
        let watch = watch(eventID: eventID, as: principal)
        let lifetime = Task {
            try? await Task.sleep(for: Self.streamLifetime)
            watch.end()
        }
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer {
                watch.end()
                lifetime.cancel()
            }
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            try await withGracefulShutdownHandler {
                var sent: Counts?
                var wrote = Date()
                for await counts in watch.counts {
                    if counts != sent {
                        try await writer.write(ByteBuffer(string: "event: counts\ndata: {\"inside\":\(counts.inside),\"accepted\":\(counts.accepted)}\n\n"))
                        sent = counts
                        wrote = Date()
                    } else if Date().timeIntervalSince(wrote) >= Self.heartbeat {
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                        wrote = Date()
                    }
                }
            } onGracefulShutdown: {
                // A stopping server ends its streams, or it would wait for them.
                watch.end()
            }
            try await writer.finish(nil)
        })
    }
}
