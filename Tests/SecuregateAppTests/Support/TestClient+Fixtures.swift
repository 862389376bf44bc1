import HummingbirdTesting
import SecuregateAPI

extension TestClientProtocol {
    /// Creates an upcoming event with `key` and returns its id.
    func createEvent(key: String, start: Int = 1_900_000_000, end: Int = 1_900_003_600) async throws -> String {
        try await call(.post, "/events", key: key, body: Payload.event(start: start, end: end)).string("id") ?? ""
    }

    /// Invites `emails` to the event without notifications and returns the invites as JSON.
    func invite(_ emails: [String], to eventID: String, key: String, query: String = "notify=0") async throws -> [JSONValue] {
        try await call(.post, "/events/\(eventID)/invites?\(query)", key: key, body: Payload.invites(emails)).json.arrayValue
    }
}

