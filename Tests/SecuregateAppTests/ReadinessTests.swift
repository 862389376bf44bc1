import Foundation
import Hummingbird
import HummingbirdTesting
import SecuregateAPI
import SecuregateApp
import SecuregateBuildInfo
import SecuregateCore
import SecuregateStore
import SecuregateTestSupport
import Testing

/// `/readyz`: ready with a database that answers, 503 naming the part that is not, and 503 while the server
/// drains after SIGTERM (the real binary, with `--shutdown-delay`); `/version` names the build.
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
                let version = try await client.call(.get, "/version", key: nil)
                #expect(version.status == .ok)
                #expect(version.json.objectValue?.members.map(\.key) == ["version", "commit", "build_date", "schema_version"])
                #expect(version.json["version"] == .string(securegateVersion) && version.json["commit"] == .string(BuildInfo.commit))
                #expect(version.json["schema_version"] == .int(SQLStore.schemaVersion) && SQLStore.schemaVersion == 15)
                #expect(BuildInfo.commit.count >= 40 || BuildInfo.commit == "unknown")
                #expect(BuildInfo.date.hasSuffix("Z") && BuildInfo.date.count == 20)
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
            try await ChildProcess.waitForExit(process)
            #expect(process.terminationStatus == 0)
            #expect(Date().timeIntervalSince(started) >= 2, "held for the delay")
        }
    }
}

/// `/readyz` when the PostgreSQL server goes away: a proxy stands between the store and the database, and
/// killing it drops every connection and refuses new ones, as a stopped server does.
struct PostgresReadinessTests {
    /// The proxy, a Python process, and the port it listens on.
    final class Proxy: @unchecked Sendable {
        let process = Process()
        let port: Int

        init(target: Int, port: Int = 0) throws {
            let script = try #require(Bundle.module.url(forResource: "tcp_proxy", withExtension: "py", subdirectory: "Fixtures"))
            process.executableURL = URL(fileURLWithPath: try #require(TestMailServer.python))
            process.arguments = [script.path, String(target), String(port)]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var line = ""
            while !line.hasSuffix("\n") {
                let data = output.fileHandleForReading.availableData
                guard !data.isEmpty else { throw RawConnectionError.failed("the proxy did not start") }
                line += String(decoding: data, as: UTF8.self)
            }
            self.port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs `body` with a store of a fresh PostgreSQL database reached through a proxy, the proxy, and the
    /// database server's own port (to start another proxy on).
    static func withProxiedStore(_ body: (SQLStore, Proxy, Int) async throws -> Void) async throws {
        try await StoreBackend.postgres.withStore { _, url in
            guard case .postgres(var postgres) = url else { return }
            let target = postgres.port
            let proxy = try await blocking { try Proxy(target: target) }
            postgres.port = proxy.port
            let store = try await SQLStore.open(.postgres(postgres), logger: TestEnvironment.quietLogger)
            try await body(store, proxy, target)
        }
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func aStoppedDatabaseIsNotReadyAndReadyAgainOnceItIsBack() async throws {
        try await Self.withProxiedStore { store, proxy, target in
            let services = try SecuregateServices(store: store, time: SystemTimeSource(), ids: SequentialIDGenerator(), hasher: SHA256SecretHasher())
            let app = Application(router: buildRouter(services: services), logger: TestEnvironment.quietLogger)
            let restarted = try await app.test(.router) { client -> Proxy in
                #expect(try await client.call(.get, "/readyz", key: nil).status == .ok)
                proxy.kill()
                let asked = Date()
                let stopped = try await client.call(.get, "/readyz", key: nil)
                #expect(stopped.status == .serviceUnavailable)
                #expect(stopped.json["checks"]?["database"] == "unavailable")
                #expect(Date().timeIntervalSince(asked) < 5, "the check's limit holds")
                #expect(try await client.call(.get, "/healthz", key: nil).status == .ok, "alive all the same")
                let restarted = try await blocking { try Proxy(target: target, port: proxy.port) }
                var ready = false
                for _ in 0..<60 where !ready {
                    ready = try await client.call(.get, "/readyz", key: nil).status == .ok
                    if !ready { try await Task.sleep(for: .milliseconds(500)) }
                }
                #expect(ready, "ready again once the database is back")
                return restarted
            }
            #expect(await Race.first(within: .seconds(15)) { try? await store.close() })
            restarted.kill()
        }
    }

    /// A server stopping while its database is away: the pool, told to stop, may go on retrying the database
    /// (PostgresNIO 1.33), and closing the store must not wait for the database to come back.
    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func closingTheStoreDoesNotWaitForADatabaseThatWentAway() async throws {
        try await Self.withProxiedStore { store, proxy, _ in
            proxy.kill()
            // Reads fail once the pool has noticed; from then on it is retrying the server.
            for _ in 0..<3 {
                _ = await Race.result(within: .seconds(2)) { try await store.checkReady() }
            }
            let closing = Date()
            #expect(await Race.first(within: .seconds(15)) { try? await store.close() }, "close returns")
            #expect(Date().timeIntervalSince(closing) < 10)
        }
    }
}
