/// What bounds the requests of the whole server: each key's rate and concurrency, and the body bytes held;
/// and where the refusals are counted.
struct RequestLimits: Sendable {
    let perKey: KeyRateLimiter
    let bodies: BodyBudget
    let metrics: ServerMetrics
}
