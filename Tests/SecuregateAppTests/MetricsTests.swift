import Foundation
import SecuregateAPI
@testable import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// `/metrics` of the real server, read by prometheus_client's own parser: requests by route template and
/// status, scans by result and reason, rate-limit refusals, the queues and the connections, moving with traffic.
struct MetricsTests {
    /// One sample: its name, labels and value.
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Scrapes `/metrics` on `port` and parses it with prometheus_client; returns every sample and each family's type.
    static func scrape(port: Int) async throws -> (samples: [Sample], types: [String: String]) {
        let body = try await blocking {
            let answer = try RawConnection(port: port).request("GET", "/metrics")
            guard answer.status == 200 else { throw RawConnectionError.failed("/metrics answered \(answer.status)") }
            #expect(answer.head.lowercased().contains("content-type: text/plain; version=0.0.4"))
            return answer.body
        }
        let parsed = try await ChildProcess.python("parse_metrics", [], input: Data(body.utf8))
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for family in parsed.arrayValue {
            types[family["name"]?.stringValue ?? ""] = family["type"]?.stringValue
            for sample in family["samples"]?.arrayValue ?? [] {
                var labels: [String: String] = [:]
                for (name, value) in sample["labels"]?.objectValue?.members ?? [] { labels[name] = value.stringValue }
                let value: Double = switch sample["value"] {
                case .int(let number): Double(number)
                case .float(let number): number
                default: .nan
                }
                samples.append(Sample(name: sample["name"]?.stringValue ?? "", labels: labels, value: value))
            }
        }
        return (samples, types)
    }

    /// The value of the sample `name` whose labels include `labels`; 0 when there is none.
    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value ?? 0
    }

    @Test func theRealServerCountsItsWorkAndPrometheusReadsIt() async throws {
        try await StoreBackend.sqlite.withStore { store, url in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
            let key = try await services.keys.issue(accountName: "A").token.text
            let busyKey = try await services.keys.issue(accountName: "B").token.text
            let principal = try await services.keys.authenticate(key)
            let now = Int(Date().timeIntervalSince1970)
            let event = try await services.events.create(EventDraft(title: "Gala", startTimestamp: now, endTimestamp: now + 3600), by: principal)
            let invites = try await services.invites.createBatch(
                [InviteDraft(email: "a@x.io"), InviteDraft(email: "b@x.io")], eventID: event.id, notify: .none, flow: .onlyAuth, by: principal
            )
            _ = try await services.invites.updateStatus(eventID: event.id, inviteID: invites[0].id, to: .accepted, by: principal)
            let metricsPort = try ServerProcess.freePort()
            // Each key may make 20 requests, then one each 1 000 s: the busy key's 25 make 5 refusals.
            let server = try await ServerProcess(
                database: DurabilityTests.databaseArgument(url),
                arguments: ["--rate-limit", "0.001", "--rate-burst", "20", "--metrics-port", String(metricsPort)]
            )
            defer { server.process.terminate() }
            let port = server.port
            let before = try await Self.scrape(port: metricsPort)
            let codes = (invites[0].sessionCode, invites[1].sessionCode)
            let statuses = try await blocking { () -> [Int] in
                let connection = try RawConnection(port: port)
                let scan = { (code: String) in
                    try connection.request("POST", "/events/\(event.id)/checkins", key: key, body: #"{"code":"\#(code)","gate":"north"}"#).status
                }
                var statuses = [try scan(codes.0), try scan(codes.0), try scan(codes.1)]
                statuses.append(try connection.request("GET", "/events/\(event.id)", key: key).status)
                statuses.append(try connection.request("GET", "/events/evt_nothing_here", key: key).status)
                statuses.append(try connection.request("GET", "/no/such/path/\(event.id)").status)
                statuses.append(try connection.request("GET", "/metrics").status)
                for _ in 0..<25 { statuses.append(try connection.request("GET", "/events", key: busyKey).status) }
                return statuses
            }
            #expect(Array(statuses.prefix(7)) == [200, 200, 200, 200, 404, 404, 404], "/metrics is on its own port only")
            #expect(statuses.dropFirst(7).filter { $0 == 429 }.count == 5)
            let after = try await Self.scrape(port: metricsPort)
            let samples = after.samples
            let checkins = ["route": "/events/{event_id}/checkins", "method": "POST", "status": "200"]
            #expect(Self.value(samples, "securegate_http_requests_total", checkins) == 3)
            #expect(Self.value(samples, "securegate_http_requests_total", ["route": "/events/{event_id}", "status": "404"]) == 1)
            #expect(Self.value(samples, "securegate_http_requests_total", ["route": "/events", "status": "429"]) == 5)
            #expect(Self.value(samples, "securegate_http_requests_total", ["route": "unmatched", "status": "404"]) == 2)
            #expect(!samples.contains { $0.labels.values.contains { $0.contains(event.id) } }, "no raw path in any label")
            #expect(after.types["securegate_http_request_duration_seconds"] == "histogram")
            #expect(Self.value(samples, "securegate_http_request_duration_seconds_count", ["route": "/events/{event_id}/checkins"]) == 3)
            #expect(Self.value(samples, "securegate_http_request_duration_seconds_bucket", ["route": "/events/{event_id}/checkins", "le": "+Inf"]) == 3)
            #expect(Self.value(samples, "securegate_http_requests_in_flight") == 0)
            #expect(Self.value(samples, "securegate_scans_total", ["result": "ok", "reason": "none"]) == 1)
            #expect(Self.value(samples, "securegate_scans_total", ["result": "refused", "reason": "already_checked_in"]) == 1)
            #expect(Self.value(samples, "securegate_scans_total", ["result": "refused", "reason": "not_accepted"]) == 1)
            #expect(Self.value(samples, "securegate_rate_limited_total") == 5)
            #expect(Self.value(samples, "securegate_database_connections", ["state": "capacity"]) == 5, "four readers and the writer")
            for queue in ["email", "sms", "webhook"] {
                #expect(samples.contains { $0.name == "securegate_queue_waiting" && $0.labels["queue"] == queue })
                #expect(samples.contains { $0.name == "securegate_queue_oldest_age_seconds" && $0.labels["queue"] == queue })
            }
            #expect(Self.value(before.samples, "securegate_scans_total", ["result": "ok"]) == 0, "the figures moved with the traffic")
            try await server.stop(with: SIGTERM)
        }
    }
}

/// The wrappers that count the work of the parts the server does not own: face engine, message and webhook transports.
struct MeteredPartsTests {
    struct Engine: FaceEngine {
        func faces(in image: Data) async throws -> [DetectedFace] { [] }
    }

    struct Refusing: NotificationTransport {
        func deliver(_ invitation: Invitation) async throws { throw DeliveryFailure.permanent("mailbox unknown") }
    }

    struct Receiver: WebhookTransport {
        let status: Int
        func send(_ event: WebhookEvent, to endpoint: WebhookEndpoint, secrets: [String]) async -> WebhookResponse {
            WebhookResponse(statusCode: status)
        }
    }

    @Test func eachWrapperCountsWhatTheWrappedOneDid() async throws {
        let metrics = ServerMetrics()
        _ = try await MeteredFaceEngine(Engine(), metrics: metrics).faces(in: Data())
        await #expect(throws: DeliveryFailure.self) {
            try await MeteredNotificationTransport(base: Refusing(), metrics: metrics).deliver(MessageTemplateTests.invitation())
        }
        let endpoint = WebhookEndpoint(
            id: "wh_1", accountID: "acc", url: "https://x.io", events: ["*"], description: "", secret: "s", createdAt: Date(), updatedAt: Date()
        )
        let event = WebhookEvent(id: "msg_1", accountID: "acc", type: .inviteCreated, inviteID: nil, data: [:], createdAt: Date())
        _ = await MeteredWebhookTransport(base: Receiver(status: 204), metrics: metrics).send(event, to: endpoint, secrets: [])
        _ = await MeteredWebhookTransport(base: Receiver(status: 500), metrics: metrics).send(event, to: endpoint, secrets: [])
        let text = metrics.registry.emitToString()
        #expect(text.contains("securegate_face_duration_seconds_count 1"))
        #expect(text.contains("securegate_face_jobs 0"))
        #expect(text.contains(#"securegate_messages_total{channel="email",outcome="failed"} 1"#))
        #expect(text.contains(#"securegate_webhook_requests_total{outcome="delivered"} 1"#))
        #expect(text.contains(#"securegate_webhook_requests_total{outcome="failed"} 1"#))
    }
}
