import ArgumentParser
import CMallocTuning
import Foundation
import Hummingbird
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateStore
import ServiceLifecycle

/// `securegate serve`: runs the server until SIGTERM or SIGINT, finishing the requests in flight.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the API server.")

    @Option(help: "A YAML file of settings, each under the name of its long option (port: 8080); options and environment variables win over it. Default: $SECUREGATE_CONFIG, else none.")
    var config: String?

    @Option(help: "The address to listen on. Default: $SECUREGATE_HOST, else 127.0.0.1.")
    var host: String?

    @Option(help: "The port to listen on. Default: $SECUREGATE_PORT, else 8080.")
    var port: Int?

    @Option(help: "Requests per second each API key may sustain; 0 turns the limit off. Default: $SECUREGATE_RATE_LIMIT, else 1000.")
    var rateLimit: Double?

    @Option(help: "Requests a key may make at once above its rate. Default: $SECUREGATE_RATE_BURST, else 2000.")
    var rateBurst: Double?

    @Option(help: "Requests of one key in flight at once; 0 for no cap. Default: $SECUREGATE_MAX_CONCURRENT_PER_KEY, else 256.")
    var maxConcurrentPerKey: Int?

    @Option(help: "Seconds before an event's start that its doors open to check-in. Default: $SECUREGATE_CHECKIN_OPENING_MARGIN, else 3600.")
    var checkinOpeningMargin: Double?

    @Option(help: "Seconds a request body may send nothing before it is given up with a 408. Default: $SECUREGATE_BODY_READ_TIMEOUT, else 30.")
    var bodyReadTimeout: Double?

    @Option(help: "Request body bytes held at once across the server; beyond, a request waits briefly, then gets 503. Default: $SECUREGATE_MAX_BUFFERED_BODY_BYTES, else 67108864 (64 MiB).")
    var maxBufferedBodyBytes: Int?

    @Option(help: "Connections served at once; more are closed as they come. Default: $SECUREGATE_MAX_CONNECTIONS, else 1000.")
    var maxConnections: Int?

    @Option(help: "Hours a scanner's nonce replays its first answer before it is forgotten. Default: $SECUREGATE_NONCE_RETENTION_HOURS, else 168.")
    var nonceRetentionHours: Double?

    @Option(help: "Days delivered and failed messages stay listed with their invites. Default: $SECUREGATE_MESSAGE_RETENTION_DAYS, else 90.")
    var messageRetentionDays: Double?

    @Option(help: "Days the door's ledger is kept; longer than the nonce retention. Default: $SECUREGATE_LEDGER_RETENTION_DAYS, else kept for good.")
    var ledgerRetentionDays: Double?

    @Option(help: "The address people reach the server at, https://events.example.org: invitees' links start with it, and messages carry them once it is set. Default: $SECUREGATE_PUBLIC_URL, else http://HOST:PORT and no link in messages.")
    var publicURL: String?

    @Option(help: "Seconds between a stop being asked for (SIGTERM) and the server no longer taking connections, while /readyz answers 503 so that a load balancer moves traffic away. Default: $SECUREGATE_SHUTDOWN_DELAY, else 0.")
    var shutdownDelay: Double?

    @Option(help: "Seconds a message being sent stays reserved for its worker (renewed meanwhile); a message whose server died is sent again this long after. Default: $SECUREGATE_DELIVERY_LEASE, else 60.")
    var deliveryLease: Double?

    @Option(help: "How log lines are written: text, or json (one object a line). Default: $SECUREGATE_LOG_FORMAT, else text.")
    var logFormat: LineLogHandler.Format?

    @Option(help: "Proxies whose X-Forwarded-For names the client in the log: addresses or CIDR blocks, comma-separated (10.0.0.0/8,::1). Default: $SECUREGATE_TRUSTED_PROXIES, else none.")
    var trustedProxies: String?

    @Option(help: "Serve /metrics on this port (same address) instead of the main one, so that it need not be public. Default: $SECUREGATE_METRICS_PORT, else on the main port.")
    var metricsPort: Int?

    @Option(help: "A PEM certificate (with its chain) to serve HTTPS with; needs --tls-key. Read again on SIGHUP. Default: $SECUREGATE_TLS_CERT, else plain HTTP.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert. Read again on SIGHUP. Default: $SECUREGATE_TLS_KEY.")
    var tlsKey: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    @OptionGroup var faceOptions: FaceOptions

    @OptionGroup var deliveryOptions: DeliveryOptions

    @OptionGroup var webhookOptions: WebhookOptions

    /// A malloc setting for the log: its value, or "default" when the environment chose glibc's own.
    private static func tuned(_ value: Int32) -> String {
        value == 0 ? "default" : String(value)
    }

    func run() async throws {
        // A log pipe whose reader has gone (a log shipper restarting) must not end the server: the write
        // fails and the line is dropped, where SIGPIPE's default would kill the process at its next line.
        signal(SIGPIPE, SIG_IGN)
        let host = try Setting.value(self.host, "SECUREGATE_HOST") ?? "127.0.0.1"
        let port = try Setting.value(self.port, "SECUREGATE_PORT") ?? 8080
        var configuration = AppConfiguration(host: host, port: port)
        configuration.rateLimit = try Setting.value(rateLimit, "SECUREGATE_RATE_LIMIT") ?? configuration.rateLimit
        configuration.rateBurst = try Setting.value(rateBurst, "SECUREGATE_RATE_BURST") ?? configuration.rateBurst
        configuration.maxConcurrentPerKey = try Setting.value(maxConcurrentPerKey, "SECUREGATE_MAX_CONCURRENT_PER_KEY")
            ?? configuration.maxConcurrentPerKey
        if let seconds = try Setting.value(bodyReadTimeout, "SECUREGATE_BODY_READ_TIMEOUT") {
            guard seconds > 0 else { throw ValidationError("--body-read-timeout must be more than 0 seconds") }
            configuration.bodyReadTimeout = .milliseconds(Int64(seconds * 1000))
        }
        configuration.maxBufferedBodyBytes = try Setting.value(maxBufferedBodyBytes, "SECUREGATE_MAX_BUFFERED_BODY_BYTES")
            ?? configuration.maxBufferedBodyBytes
        // One body of the largest size must always fit, or it could never be served.
        guard configuration.maxBufferedBodyBytes == 0 || configuration.maxBufferedBodyBytes >= APILimits.maxBodySize else {
            throw ValidationError("--max-buffered-body-bytes must be 0 (no limit) or at least \(APILimits.maxBodySize), the largest body")
        }
        configuration.maxConnections = try Setting.value(maxConnections, "SECUREGATE_MAX_CONNECTIONS") ?? configuration.maxConnections
        configuration.deliveryLease = try Setting.value(deliveryLease, "SECUREGATE_DELIVERY_LEASE") ?? configuration.deliveryLease
        // The lease is renewed every third of it, in whole seconds in the store.
        guard configuration.deliveryLease >= 3 else { throw ValidationError("--delivery-lease must be at least 3 seconds") }
        switch (try Setting.value(tlsCert, "SECUREGATE_TLS_CERT"), try Setting.value(tlsKey, "SECUREGATE_TLS_KEY")) {
        case (nil, nil): break
        case (let certificate?, let key?):
            do {
                configuration.tls = try TLSCertificates(certificatePath: certificate, keyPath: key)
            } catch let error as TLSSetupError {
                throw ValidationError(error.description)
            }
        default: throw ValidationError("--tls-cert and --tls-key go together")
        }
        let publicURL = publicURL ?? ProcessInfo.processInfo.environment["SECUREGATE_PUBLIC_URL"]
        if let publicURL {
            guard let url = URLComponents(string: publicURL), url.scheme == "https" || url.scheme == "http", url.host?.isEmpty == false,
                  url.query == nil, url.fragment == nil
            else { throw ValidationError("--public-url must be an http(s) address without query, such as https://events.example.org") }
        }
        configuration.linksInMessages = publicURL != nil
        configuration.timeZone = try deliveryOptions.zone()
        try webhookOptions.configure(&configuration)
        if let text = try Setting.value(trustedProxies, "SECUREGATE_TRUSTED_PROXIES") {
            let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard let proxies = TrustedProxies(entries) else {
                throw ValidationError("--trusted-proxies must list addresses or CIDR blocks, such as 10.0.0.0/8,::1")
            }
            configuration.trustedProxies = proxies
        }
        configuration.metricsPort = try Setting.value(metricsPort, "SECUREGATE_METRICS_PORT")
        if let metricsPort = configuration.metricsPort, metricsPort == port {
            throw ValidationError("--metrics-port must differ from --port (\(metricsPort))")
        }
        let logger = makeLogger("securegate", format: logFormat)
        let databaseURL = try databaseOptions.url()
        let store = try await databaseOptions.openStore(logger: logger)
        let time = SystemTimeSource()
        let metrics = ServerMetrics()
        let margin = try Setting.value(checkinOpeningMargin, "SECUREGATE_CHECKIN_OPENING_MARGIN") ?? 3600
        let nonceHours = try Setting.value(nonceRetentionHours, "SECUREGATE_NONCE_RETENTION_HOURS") ?? 168
        let messageDays = try Setting.value(messageRetentionDays, "SECUREGATE_MESSAGE_RETENTION_DAYS") ?? 90
        guard messageDays > 0 else { throw ValidationError("--message-retention-days must be positive") }
        configuration.messageRetention = messageDays * 86_400
        if let ledgerDays = try Setting.value(ledgerRetentionDays, "SECUREGATE_LEDGER_RETENTION_DAYS") {
            // A nonce replays its scan from the ledger: the ledger must outlive it.
            guard ledgerDays * 24 > nonceHours else {
                throw ValidationError("--ledger-retention-days must be longer than the nonce retention (\(nonceHours) hours)")
            }
            configuration.ledgerRetention = ledgerDays * 86_400
        }
        let services = try SecuregateServices(
            store: store, time: time, ids: RandomIDGenerator(), hasher: SHA256SecretHasher(),
            checkinRules: CheckinRules(openingMargin: margin, nonceLifetime: nonceHours * 3600), faceEngine: try faceOptions.engine(logger: logger).map { MeteredFaceEngine($0, metrics: metrics) },
            imageFetcher: try faceOptions.fetcher(), faceSettings: try faceOptions.settings(),
            publicURL: publicURL ?? "\(configuration.tls == nil ? "http" : "https")://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        )
        if let token = try await services.keys.issueFirstKeyIfNone() {
            // Shown once: only its hash is stored.
            let notice = """
                No API key existed, so one was created for the account "default". Keep it; it is not shown again:
                \(token.text)

                """
            // Written straight to the descriptor: a buffered print could sit unseen while the server runs. When
            // standard output is gone the notice is lost, not the server (`keys create` makes another key).
            try? FileHandle.standardOutput.write(contentsOf: Data(notice.utf8))
        }
        logger.info(
            "Starting",
            metadata: [
                "host": "\(host)", "port": "\(port)", "database": "\(databaseURL)",
                "tls": "\(configuration.tls.map { "sha256 \($0.fingerprint)" } ?? "off")",
                // Tuned before main (BENCHMARKS.md has the peak memory with and without each setting).
                "malloc_arenas": "\(Self.tuned(securegate_malloc_arena_limit()))",
                "malloc_mmap_threshold": "\(Self.tuned(securegate_malloc_mmap_threshold()))",
            ]
        )
        let delivery: DeliveryOptions.Delivery
        let webhooks: HTTPWebhookTransport
        do {
            webhooks = try webhookOptions.transport(configuration, time: time)
            delivery = try await deliveryOptions.delivery(time: time, logger: logger)
        } catch {
            try? await store.close()
            throw error
        }
        let readiness = Readiness()
        let app = try buildApplication(
            configuration: configuration, services: services, transport: delivery.transport, webhooks: webhooks, time: time,
            logger: logger, readiness: readiness, metrics: metrics
        )
        let delay = try Setting.value(shutdownDelay, "SECUREGATE_SHUTDOWN_DELAY") ?? 0
        guard delay >= 0 else { throw ValidationError("--shutdown-delay must be 0 or more seconds") }
        // Services stop in reverse order: the drain service first, then the server.
        let group = ServiceGroup(configuration: .init(
            services: [app, DrainService(readiness: readiness, delay: .milliseconds(Int64(delay * 1000)), logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        do {
            try await group.run()
        } catch {
            try? await delivery.shutdown()
            try? await store.close()
            throw error
        }
        try await delivery.shutdown()
        try await store.close()
    }
}
