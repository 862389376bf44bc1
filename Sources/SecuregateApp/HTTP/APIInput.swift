import Logging
import SecuregateCore

/// What a handler receives once a request is authenticated and valid.
struct APIInput<Query: Sendable, Body: Sendable>: Sendable {
    let principal: Principal
    let path: [String: String]
    let query: Query
    let body: Body
    let logger: Logger

    /// The value of a path parameter the route declares.
    func path(_ name: String) -> String {
        path[name] ?? ""
    }
}
