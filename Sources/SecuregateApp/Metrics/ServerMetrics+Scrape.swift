import Foundation
import Hummingbird
import Logging
import SecuregateCore

extension ServerMetrics {
    /// The queues the gauges always list, even while empty: each message channel, and the webhooks.
    static let queues = NotificationChannel.allCases.map(\.rawValue) + ["webhook"]

    /// Answers `GET /metrics` on `router` with `scrape`.
    func serve(on router: Router<AppRequestContext>, store: any SecuregateStore, time: any TimeSource) {
        router.get("/metrics") { _, context in
            await self.scrape(store: store, now: time.now(), logger: context.logger)
        }
    }

    /// Brings the gauges read from the store up to date (the queues' backlog, the connections' use) and writes
    /// every figure in Prometheus's text format. When the database does not answer, the backlog keeps its last
    /// figures and the rest is still written.
    func scrape(store: any SecuregateStore, now: Date, logger: Logger) async -> Response {
        let usage = store.usage
        connections["busy"].record(usage.busy)
        connections["waiting"].record(usage.waiting)
        connections["capacity"].record(usage.capacity)
        do {
            var backlog = try await store.outboxBacklog()
            backlog.append(try await store.webhookBacklog())
            for queue in Set(Self.queues).union(backlog.map(\.queue)) {
                let line = backlog.first { $0.queue == queue }
                queueWaiting[queue].record(line?.waiting ?? 0)
                queueOldestAge[queue].record(line?.oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
            }
        } catch {
            logger.warning("Metrics could not read the queues", metadata: ["error": "\(error)"])
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        registry.emit(into: &bytes)
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
