import Foundation
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// `/readyz`: ready with a database that answers, 503 naming the part that is not, and 503 while the server
/// drains after SIGTERM (the real binary, with `--shutdown-delay`).
struct ReadinessTests {
    @Test(arguments: StoreBackend.available)
    func readinessAsksTheDatabaseAndSaysWhenTheServerDrains(_ backend: StoreBackend) async throws {
        try await TestEnvironment.with(backend) { env in
            let readiness = Readiness()
            let app = Application(router: buildRouter(services: env.services, readiness: readiness), logger: TestEnvironment.quietLogger)
            try await app.test(.router) { client in
                let ready = try await client.call(.get, "/readyz", key: nil)
                #expect(ready.status == .ok)
                #expect(ready.json == ["status": "ready", "checks": ["database": "ok", "faces": "off"]])
                readiness.startDraining()
                let draining = try await client.call(.get, "/readyz", key: nil)
                #expect(draining.status == .serviceUnavailable)
                #expect(draining.json == ["status": "not ready", "checks": ["server": "draining", "database": "ok", "faces": "off"]])
                #expect(try await client.call(.get, "/healthz", key: nil).status == .ok, "liveness stays")
            }
        }
    }

    @Test func aDatabaseThatDoesNotAnswerIsNotReady() async throws {
        try await StoreBackend.sqlite.withStore { store, _ in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: SequentialIDGenerator(), hasher: SHA256SecretHasher())
            let app = Application(router: buildRouter(services: services), logger: TestEnvironment.quietLogger)
            try await app.test(.router) { client in
                try await store.close()
                let answer = try await client.call(.get, "/readyz", key: nil)
                #expect(answer.status == .serviceUnavailable)
                #expect(answer.json["checks"]?["database"] == "unavailable")
            }
        }
    }

    @Test func afterSIGTERMTheServerAnswersNotReadyForItsDelayThenStops() async throws {
        try await StoreBackend.sqlite.withStore { _, url in
            let server = try await ServerProcess(database: DurabilityTests.databaseArgument(url), arguments: ["--shutdown-delay", "2"])
            let port = server.port
            #expect(try await blocking { try RawConnection(port: port).request("GET", "/readyz").status } == 200)
            let started = Date()
            kill(server.process.processIdentifier, SIGTERM)
            try await Task.sleep(for: .milliseconds(300))
            let draining = try await blocking { try RawConnection(port: port).request("GET", "/readyz") }
            #expect(draining.status == 503 && draining.body.contains(#""server":"draining""#))
            let process = server.process
            try await blocking { process.waitUntilExit() }
            #expect(process.terminationStatus == 0)
            #expect(Date().timeIntervalSince(started) >= 2, "held for the delay")
        }
    }
}
