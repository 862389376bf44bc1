import Hummingbird

/// Counts and times every request by its route's template (`/events/{event_id}`, never the raw path, which
/// holds ids and invitees' tokens) and status, and counts those in flight. It runs outside the request log,
/// so that it sees the answer the log turned an error into.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        // Requests no route matched share one label: their paths are whatever anyone typed.
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            metrics.request(route: route, method: request.method.rawValue, status: Int(response.status.code), duration: start.duration(to: .now))
            return response
        } catch {
            // Only a client that went away gets here (the log answers every other error): nginx's 499.
            metrics.request(route: route, method: request.method.rawValue, status: 499, duration: start.duration(to: .now))
            throw error
        }
    }
}
