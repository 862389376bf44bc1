import CoreMetrics
import Foundation
import class Prometheus.PrometheusCollectorRegistry
import struct Prometheus.PrometheusMetricsFactory

/// What the server counts and times, through swift-metrics into a Prometheus registry of its own (not the
/// process-wide bootstrap, so that each application, and each test, has its own figures). `GET /metrics`
/// writes the registry in Prometheus's text format.
public final class ServerMetrics: Sendable {
    /// The figures, as `/metrics` writes them.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let inFlight: Meter
    let rateLimited: Counter
    let faceJobs: Meter
    let faceDuration: CoreMetrics.Timer
    private let requests: LabelledMetrics<RequestLabels, Counter>
    private let durations: LabelledMetrics<RouteLabels, CoreMetrics.Timer>
    private let scans: LabelledMetrics<[String], Counter>
    private let messages: LabelledMetrics<[String], Counter>
    private let webhooks: LabelledMetrics<String, Counter>
    let queueWaiting: LabelledMetrics<String, Gauge>
    let queueOldestAge: LabelledMetrics<String, Gauge>
    let connections: LabelledMetrics<String, Gauge>

    struct RouteLabels: Hashable, Sendable {
        let route: String
        let method: String
    }

    struct RequestLabels: Hashable, Sendable {
        let route: RouteLabels
        let status: Int
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        var configured = PrometheusMetricsFactory(registry: registry)
        // Most answers take a millisecond or two: the default buckets (from 5 ms) would put them all in one.
        configured.durationHistogramBuckets["securegate_http_request_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
            .seconds(5), .seconds(10),
        ]
        configured.durationHistogramBuckets["securegate_face_duration_seconds"] = [
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        let factory = configured
        self.registry = registry
        self.factory = factory
        inFlight = Meter(label: "securegate_http_requests_in_flight", factory: factory)
        rateLimited = Counter(label: "securegate_rate_limited_total", factory: factory)
        faceJobs = Meter(label: "securegate_face_jobs", factory: factory)
        faceDuration = CoreMetrics.Timer(label: "securegate_face_duration_seconds", factory: factory)
        requests = LabelledMetrics { labels in
            Counter(
                label: "securegate_http_requests_total",
                dimensions: [("route", labels.route.route), ("method", labels.route.method), ("status", String(labels.status))],
                factory: factory
            )
        }
        durations = LabelledMetrics { labels in
            CoreMetrics.Timer(
                label: "securegate_http_request_duration_seconds", dimensions: [("route", labels.route), ("method", labels.method)],
                factory: factory
            )
        }
        scans = LabelledMetrics { labels in
            Counter(label: "securegate_scans_total", dimensions: [("result", labels[0]), ("reason", labels[1])], factory: factory)
        }
        messages = LabelledMetrics { labels in
            Counter(label: "securegate_messages_total", dimensions: [("channel", labels[0]), ("outcome", labels[1])], factory: factory)
        }
        webhooks = LabelledMetrics { outcome in
            Counter(label: "securegate_webhook_requests_total", dimensions: [("outcome", outcome)], factory: factory)
        }
        queueWaiting = LabelledMetrics { queue in
            Gauge(label: "securegate_queue_waiting", dimensions: [("queue", queue)], factory: factory)
        }
        queueOldestAge = LabelledMetrics { queue in
            Gauge(label: "securegate_queue_oldest_age_seconds", dimensions: [("queue", queue)], factory: factory)
        }
        connections = LabelledMetrics { state in
            Gauge(label: "securegate_database_connections", dimensions: [("state", state)], factory: factory)
        }
    }

    /// Counts one answered request under its route's template (never the raw path) and times it.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let routeLabels = RouteLabels(route: route, method: method)
        requests[RequestLabels(route: routeLabels, status: status)].increment()
        durations[routeLabels].recordNanoseconds(duration.nanoseconds)
    }

    /// Counts one scan's answer: `ok` or `refused`, with the refusal's reason (`none` for an entry).
    func scan(result: String, reason: String?) {
        scans[[result, reason ?? "none"]].increment()
    }

    /// Counts one message handed over (`delivered`) or not (`failed`) on `channel`.
    func message(channel: String, delivered: Bool) {
        messages[[channel, delivered ? "delivered" : "failed"]].increment()
    }

    /// Counts one webhook request that the receiver took (`delivered`) or not (`failed`).
    func webhookRequest(delivered: Bool) {
        webhooks[delivered ? "delivered" : "failed"].increment()
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
