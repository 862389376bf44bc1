import Foundation
import Logging
import SQLKit
import SecuregateStore
import SecuregateTestSupport
import Testing

/// PostgreSQL URLs mean what they mean to libpq, and each way of connecting works against a real server.
struct PostgresURLTests {
    @Test func userAndPasswordArePercentDecodedOnce() throws {
        let url = try #require(PostgresURL("postgres://a%25b:p%2541%40%3Ax@db/app"))
        #expect(url.username == "a%b")
        #expect(url.password == "p%41@:x")
        // And written back so that it parses to the same.
        #expect(PostgresURL(url.connectionString) == url)
    }

    @Test func sslModesSocketsAndRootCertificates() throws {
        for mode in PostgresURL.SSLMode.allCases {
            #expect(PostgresURL("postgres://u@db/app?sslmode=\(mode.rawValue)")?.sslMode == mode)
        }
        #expect(PostgresURL("postgres://u@db/app")?.sslMode == .prefer)
        #expect(PostgresURL("postgres://u@db/app?sslmode=allow") == nil)
        let socket = try #require(PostgresURL("postgres://u@%2Fvar%2Frun%2Fpostgresql:5433/app"))
        #expect(socket.isUnixSocket && socket.host == "/var/run/postgresql" && socket.port == 5433)
        let option = try #require(PostgresURL("postgres://u@localhost/app?host=/run/pg"))
        #expect(option.isUnixSocket && option.host == "/run/pg")
        #expect(PostgresURL(option.connectionString) == option)
        #expect(PostgresURL("postgres://u@db/app?sslmode=verify-full&sslrootcert=/etc/ca.pem")?.sslRootCert == "/etc/ca.pem")
    }

    /// The test server's URL with `change` applied, or nil (and the test skipped) without a server.
    static func server(_ change: (inout PostgresURL) -> Void = { _ in }) -> PostgresURL? {
        guard var url = StoreBackend.postgresAdminURL else { return nil }
        change(&url)
        return url
    }

    /// Connects and runs one query; throws what connecting threw.
    static func connect(_ url: PostgresURL) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let sessions = try await PostgresSessions.open(url, logger: logger)
        try await sessions.close()
    }

    @Test(.enabled(if: StoreBackend.postgresAdminURL != nil))
    func aPasswordWithPercentAtAndColonLogsIn() async throws {
        let admin = try #require(Self.server())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let role = "sg_\(UUID().uuidString.prefix(8).lowercased())"
        let password = "p%41@:/x"
        let sessions = try await PostgresSessions.open(admin, logger: logger)
        try await sessions.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'")
        try await sessions.close()
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let url = try #require(PostgresURL(
            "postgres://\(role):\(encoded)@\(admin.host):\(admin.port)/\(admin.database)?sslmode=disable"
        ))
        #expect(url.password == password)
        try await Self.connect(url)
        // The password decoded twice ("%41" read as "A") is refused: the server checks it.
        var twice = url
        twice.password = "pA@:/x"
        await #expect(throws: (any Error).self) { try await Self.connect(twice) }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SECUREGATE_TEST_POSTGRES_SOCKET_DIR"] != nil))
    func aUnixSocketConnects() async throws {
        let directory = try #require(ProcessInfo.processInfo.environment["SECUREGATE_TEST_POSTGRES_SOCKET_DIR"])
        let url = try #require(Self.server { $0.host = directory; $0.password = nil })
        try await Self.connect(url)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SECUREGATE_TEST_POSTGRES_CA"] != nil))
    func tlsModesCheckWhatLibpqChecks() async throws {
        let ca = try #require(ProcessInfo.processInfo.environment["SECUREGATE_TEST_POSTGRES_CA"])
        // A self-signed certificate, as Debian's default: prefer and require connect without checking it.
        for mode in [PostgresURL.SSLMode.prefer, .require] {
            try await Self.connect(try #require(Self.server { $0.sslMode = mode }))
        }
        // It names localhost. Without its root, verify-ca and verify-full refuse it.
        for mode in [PostgresURL.SSLMode.verifyCA, .verifyFull] {
            await #expect(throws: (any Error).self, "\(mode)") {
                try await Self.connect(try #require(Self.server { $0.sslMode = mode; $0.host = "localhost" }))
            }
        }
        // With its root: verify-ca connects whatever the host is called, verify-full only by the name it bears.
        for host in ["localhost", "127.0.0.1"] {
            try await Self.connect(try #require(Self.server { $0.sslMode = .verifyCA; $0.sslRootCert = ca; $0.host = host }))
        }
        try await Self.connect(try #require(Self.server { $0.sslMode = .verifyFull; $0.sslRootCert = ca; $0.host = "localhost" }))
        await #expect(throws: (any Error).self) {
            try await Self.connect(try #require(Self.server { $0.sslMode = .verifyFull; $0.sslRootCert = ca; $0.host = "127.0.0.1" }))
        }
    }
}
