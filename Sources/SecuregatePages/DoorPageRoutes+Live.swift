import Foundation
import Hummingbird
import ServiceLifecycle

extension DoorPageRoutes {
    /// How long one counts stream lasts. The browser connects again by itself, and a device revoked meanwhile
    /// is then refused, so the page learns of it within this time.
    static let streamLifetime: Duration = .seconds(60)
    /// A comment line this often keeps proxies from closing a quiet stream and tells a gone page from one that
    /// watches.
    static let heartbeat: TimeInterval = 15

    /// The event's counts as Server-Sent Events (`counts`, JSON), each change within about a second, for this
    /// device's door.
    func liveCounts(_ request: Request) async throws -> Response {
        guard let (principal, door) = try await device(request) else { return Response(status: .unauthorized) }
        let watch = feed.watch(eventID: door.eventID, as: principal)
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
                var sent: DoorCountsFeed.Counts?
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
