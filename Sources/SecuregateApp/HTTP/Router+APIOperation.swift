import Hummingbird
import SecuregateAPI
import SecuregateCore

extension Router where Context == AppRequestContext {
    /// Serves a declared operation with `handler`.
    func add<Query, Body, Output>(
        _ operation: APIOperation<Query, Body, Output>, keys: KeyService, limits: RequestLimits,
        _ handler: @escaping @Sendable (APIInput<Query, Body>) async throws -> Output
    ) {
        let api = APIHandler(operation: operation, keys: keys, limits: limits, handler: handler)
        guard let method = HTTPRequest.Method(operation.method) else {
            preconditionFailure("Unknown method \(operation.method) in \(operation.operationID)")
        }
        on(RouterPath(operation.routerPath), method: method) { request, context in
            try await api.respond(to: request, context: context)
        }
    }
}
