import Foundation
import SecuregateTestSupport
import Testing

struct BackendAvailabilityTests {
    /// CI must run every backend: a missing PostgreSQL server there is a failure, not a skip.
    @Test func everyBackendRunsInCI() {
        guard ProcessInfo.processInfo.environment["CI"] == "true" else { return }
        #expect(StoreBackend.available == StoreBackend.allCases, "CI must set SECUREGATE_TEST_POSTGRES_URL (scripts/with-postgres)")
    }
}
