import Foundation
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Kill the real server mid-load, start it again on the same database, and find every acknowledged write.
struct DurabilityTests {
    /// What one writer did: the status changes and invitations the server acknowledged, and the requests that
    /// were sent but never answered.
    final class WriterLog: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var acknowledgedChanges: [String: Int] = [:]
        private(set) var acknowledgedEmails: [String] = []
        private(set) var unanswered: [(sentAt: Date, request: String)] = []
        private(set) var failures: [Int] = []

        func changed(_ invite: String) { lock.withLock { acknowledgedChanges[invite, default: 0] += 1 } }
        func invited(_ emails: [String]) { lock.withLock { acknowledgedEmails += emails } }
        func lost(_ request: String, sentAt: Date) { lock.withLock { unanswered.append((sentAt, request)) } }
        func failed(_ status: Int) { lock.withLock { failures.append(status) } }
    }

    static func databaseArgument(_ url: DatabaseURL) -> String {
        switch url {
        case .sqlite: url.description
        case .postgres(let postgres): postgres.connectionString
        }
    }

    /// Runs 8 writers against the server until `stop` ends it; returns what they were told.
    static func load(port: Int, key: String, event: String, invites: [[String]], stop: @escaping @Sendable () async -> Void) async throws -> WriterLog {
        let log = WriterLog()
        let running = RunningFlag()
        // The writers block on their sockets, so they run on threads of their own: on the two threads of the
        // cooperative pool they would starve the task that stops the server.
        let writers = DispatchGroup()
        for writer in 0..<8 {
            DispatchQueue.global().async(group: writers) {
                Self.write(writer: writer, port: port, key: key, event: event, invites: invites[writer], log: log, running: running)
            }
        }
        await stop()
        running.clear()
        await withCheckedContinuation { continuation in
            writers.notify(queue: .global()) { continuation.resume() }
        }
        return log
    }

    /// One writer: status changes of its own invites, and every fourth request a small batch, until told to stop.
    static func write(writer: Int, port: Int, key: String, event: String, invites: [String], log: WriterLog, running: RunningFlag) {
        guard let connection = try? RawConnection(port: port) else { return }
        var round = 0
        // Each request flips its invite's status, so that every acknowledged update is a recorded change.
        var accepted: [String: Bool] = [:]
        while running.isSet {
            round += 1
            let request: (String, String, String)
            if round % 4 == 0 {
                let emails = (0..<5).map { "w\(writer)-r\(round)-\($0)@x.io" }
                let items = emails.map { #"{"first_name":"F","last_name":"L","email":"\#($0)","country_code":"1","mobile_number":"5550100","authentication_method":"QR Code"}"# }
                request = ("POST", "/events/\(event)/invites?notify=0", #"{"invites":[\#(items.joined(separator: ","))]}"#)
            } else {
                let invite = invites[round % invites.count]
                let status = accepted[invite, default: false] ? "rejected" : "accepted"
                accepted[invite] = status == "accepted"
                request = ("PUT", "/events/\(event)/invites/\(invite)", #"{"status":"\#(status)"}"#)
            }
            let sentAt = Date()
            guard let response = try? connection.request(request.0, request.1, key: key, body: request.2) else {
                log.lost(request.1, sentAt: sentAt)
                return
            }
            guard response.status == 200 else {
                log.failed(response.status)
                continue
            }
            if request.0 == "PUT" {
                log.changed(String(request.1.split(separator: "/").last ?? ""))
            } else {
                log.invited((0..<5).map { "w\(writer)-r\(round)-\($0)@x.io" })
            }
        }
    }

    @Test(arguments: StoreBackend.available, [SIGKILL, SIGTERM])
    func everyAcknowledgedWriteSurvivesTheServerDying(_ backend: StoreBackend, _ signal: Int32) async throws {
        try await backend.withStore { store, url in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
            let key = try await services.keys.issue(accountName: "A").token.text
            let principal = try await services.keys.authenticate(key)
            let event = try await services.events.create(EventDraft(title: "Crash", startTimestamp: 1, endTimestamp: 2), by: principal)
            let seeded = try await services.invites.createBatch(
                (0..<80).map { InviteDraft(email: "seed\($0)@x.io") }, eventID: event.id, notify: .none, flow: .onlyAuth, by: principal
            )
            // Each writer owns ten invites, so that its acknowledged changes of them are countable.
            let owned = (0..<8).map { writer in seeded[(writer * 10)..<(writer * 10 + 10)].map(\.id) }

            let server = try await ServerProcess(database: Self.databaseArgument(url))
            let signalledAt = LockedDate()
            let log = try await Self.load(port: server.port, key: key, event: event.id, invites: owned) {
                try? await Task.sleep(for: .milliseconds(1500))
                signalledAt.set(Date())
                let status = (try? await server.stop(with: signal)) ?? -1
                if signal == SIGTERM { #expect(status == 0, "a SIGTERM'd server exits cleanly") }
            }
            #expect(log.failures.isEmpty, "no request was refused: \(log.failures)")
            if signal == SIGTERM {
                // Graceful shutdown finishes what is in flight: a request sent well before the signal is answered.
                let margin = signalledAt.get().addingTimeInterval(-0.1)
                #expect(log.unanswered.filter { $0.sentAt < margin }.isEmpty)
            }

            // The same database, a new server: every acknowledged write is there.
            let restarted = try await ServerProcess(database: Self.databaseArgument(url))
            let port = restarted.port
            let listed = try await blocking {
                try RawConnection(port: port).request("GET", "/events/\(event.id)/invites", key: key)
            }
            try await restarted.stop(with: SIGTERM)
            let emails = Set((try PythonJSONParser.parse(Array(listed.body.utf8))).arrayValue.compactMap { $0["email"]?.stringValue })
            let missingEmails = log.acknowledgedEmails.filter { !emails.contains($0) }
            var missingChanges = 0
            for (invite, acknowledged) in log.acknowledgedChanges {
                let history = try await store.statusHistory(inviteID: invite, accountID: principal.accountID)
                // One row for the creation, one per change; an unanswered last request may have landed too.
                let recorded = history.count - 1
                if recorded < acknowledged || recorded > acknowledged + 1 { missingChanges += 1 }
            }
            let checked = log.acknowledgedEmails.count + log.acknowledgedChanges.values.reduce(0, +)
            #expect(checked > 100, "the load acknowledged too little to prove anything: \(checked)")
            #expect(missingEmails.isEmpty)
            #expect(missingChanges == 0)
            print("durability [\(backend), signal \(signal)]: acknowledged writes checked: \(checked), lost: \(missingEmails.count + missingChanges)")
        }
    }
}

/// A flag the writers poll (a lock, not an atomic: polled once per request).
final class RunningFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true
    var isSet: Bool { lock.withLock { value } }
    func clear() { lock.withLock { value = false } }
}

/// A time written by one task and read by another.
final class LockedDate: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date.distantFuture
    func set(_ date: Date) { lock.withLock { value = date } }
    func get() -> Date { lock.withLock { value } }
}
