import Foundation
import SecuregateStore
import SecuregateTestSupport
import Testing

struct BackendAvailabilityTests {
    /// CI must run every backend: a missing PostgreSQL server there is a failure, not a skip.
    @Test func everyBackendRunsInCI() {
        guard ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        #expect(StoreBackend.available == StoreBackend.allCases, "CI must set SECUREGATE_TEST_POSTGRES_URL (scripts/with-postgres)")
    }
}

struct DatabaseURLTests {
    @Test func parsesEveryForm() throws {
        #expect(try DatabaseURL(parsing: "sqlite:data/x.db") == .sqlite(path: "data/x.db"))
        #expect(try DatabaseURL(parsing: "sqlite://x.db?synchronous=full") == .sqlite(path: "x.db", synchronous: .full))
        #expect(try DatabaseURL(parsing: "sqlite:x.db?synchronous=full").description == "sqlite:x.db?synchronous=full")
        let postgres = try DatabaseURL(parsing: "postgres://u:p%40ss@db:6543/app?max_connections=5&sslmode=disable")
        guard case .postgres(let url) = postgres else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(url.host == "db")
        #expect(url.port == 6543)
        #expect(url.password == "p@ss")
        #expect(url.database == "app")
        #expect(url.maximumConnections == 5)
        #expect(postgres.description == "postgres://u@db:6543/app")
        #expect(try DatabaseURL(parsing: url.connectionString) == postgres)
        for bad in ["", "mysql://x/y", "sqlite:", "postgres://db/app", "postgres://u@db/", "sqlite:x.db?synchronous=maybe"] {
            #expect(throws: (any Error).self, "\(bad)") { try DatabaseURL(parsing: bad) }
        }
    }
}
