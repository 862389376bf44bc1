/// How the server runs: where it listens and how often it delivers notifications.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How long the delivery worker sleeps between passes over the outbox.
    public var outboxInterval: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, outboxInterval: Duration = .seconds(1)) {
        self.host = host
        self.port = port
        self.outboxInterval = outboxInterval
    }
}
