import Foundation
import SecuregateCore

/// How the server runs: where it listens, how it protects itself, how often it delivers notifications.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How long the delivery worker sleeps between passes over the outbox.
    public var outboxInterval: Duration
    /// How long a message being sent is reserved for its worker (renewed while it is sent): a message whose
    /// worker died is offered again this long after its last renewal.
    public var deliveryLease: TimeInterval = 60
    /// Requests per second each key may sustain; 0 turns the rate limit off.
    public var rateLimit: Double
    /// How many requests a key may make at once above its sustained rate.
    public var rateBurst: Double
    /// How many requests of one key may be in flight at once; 0 for no cap.
    public var maxConcurrentPerKey: Int
    /// A connection with nothing to read or write for this long is closed.
    public var idleTimeout: Duration
    /// A connection that has not sent a whole request head within this long is closed.
    public var headerReadTimeout: Duration
    /// A request body that sends nothing for this long is given up (408).
    public var bodyReadTimeout: Duration
    /// The request body bytes held at once across the process; 0 for no limit.
    public var maxBufferedBodyBytes: Int
    /// Connections served at once; those beyond are closed as they come. 0 for no limit.
    public var maxConnections: Int
    /// How often the retention pass runs (faces of deleted events, expired scan nonces).
    public var retentionInterval: Duration
    /// Whether messages carry the invitee's personal link: only once the address people reach the server at
    /// was set, since a link to the listening address would reach nobody.
    public var linksInMessages = false
    /// How long the webhook worker sleeps when nothing is due.
    public var webhookInterval: Duration = .milliseconds(500)
    /// How many webhook requests are in flight at once, per instance; 0 runs no webhook worker here (another
    /// instance on the same database sends them).
    public var webhookConcurrency = 32
    /// How long one webhook request may take; the transport must end it by then.
    public var webhookTimeout: TimeInterval = 15
    /// When failed webhook deliveries are tried again.
    public var webhookRetries = WebhookRetrySchedule()
    /// How long delivered and failed messages stay listed with their invites.
    public var messageRetention: TimeInterval = 90 * 86_400
    /// How long the door's ledger is kept; nil keeps it for good.
    public var ledgerRetention: TimeInterval?
    /// The proxies whose `X-Forwarded-For` names a request's client in the log.
    public var trustedProxies = TrustedProxies.none
    /// How long finished webhook deliveries stay in the log.
    public var webhookRetention: TimeInterval = 30 * 86_400
    /// The certificate and key HTTPS is served with; nil serves plain HTTP.
    public var tls: TLSCertificates?
    /// The port `/metrics` is served on instead of the main one, on the same address; nil serves it on the main port.
    public var metricsPort: Int?
    /// The zone pages and messages state event times in.
    public var timeZone = TimeZone(identifier: "UTC")!

    public init(
        host: String = "127.0.0.1", port: Int = 8080, outboxInterval: Duration = .seconds(1), rateLimit: Double = 1000,
        rateBurst: Double = 2000, maxConcurrentPerKey: Int = 256, idleTimeout: Duration = .seconds(60),
        headerReadTimeout: Duration = .seconds(10), bodyReadTimeout: Duration = .seconds(30),
        retentionInterval: Duration = .seconds(60), maxBufferedBodyBytes: Int = 64 * 1024 * 1024, maxConnections: Int = 1000
    ) {
        self.maxBufferedBodyBytes = maxBufferedBodyBytes
        self.maxConnections = maxConnections
        self.retentionInterval = retentionInterval
        self.host = host
        self.port = port
        self.outboxInterval = outboxInterval
        self.rateLimit = rateLimit
        self.rateBurst = rateBurst
        self.maxConcurrentPerKey = maxConcurrentPerKey
        self.idleTimeout = idleTimeout
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
    }
}
