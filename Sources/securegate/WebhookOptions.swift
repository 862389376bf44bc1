import ArgumentParser
import SecuregateApp
import SecuregateCore

/// The options of webhook delivery, each also read from its environment variable.
struct WebhookOptions: ParsableArguments {
    @Flag(name: .customLong("allow-private-webhook-urls"), help: "Let webhook URLs point at private, loopback and link-local addresses. Also $SECUREGATE_ALLOW_PRIVATE_WEBHOOK_URLS=1.")
    var allowPrivateWebhookURLs = false

    @Option(help: "Webhook requests in flight at once, per server; 0 leaves the sending to other servers on the same database. Default: $SECUREGATE_WEBHOOK_CONCURRENCY, else 32.")
    var webhookConcurrency: Int?

    @Option(help: "Seconds one webhook request may take, from connecting to the answer's end. Default: $SECUREGATE_WEBHOOK_TIMEOUT, else 15.")
    var webhookTimeout: Double?

    @Option(help: "Days finished webhook deliveries stay in the log. Default: $SECUREGATE_WEBHOOK_RETENTION_DAYS, else 30.")
    var webhookRetentionDays: Double?

    /// Sets the worker's concurrency and the log's retention.
    func configure(_ configuration: inout AppConfiguration) throws {
        configuration.webhookConcurrency = try Setting.value(webhookConcurrency, "SECUREGATE_WEBHOOK_CONCURRENCY") ?? 32
        let days = try Setting.value(webhookRetentionDays, "SECUREGATE_WEBHOOK_RETENTION_DAYS") ?? 30
        guard configuration.webhookConcurrency >= 0, days > 0 else {
            throw ValidationError("--webhook-concurrency must be 0 or more, --webhook-retention-days positive")
        }
        configuration.webhookRetention = days * 86_400
        configuration.webhookTimeout = try Setting.value(webhookTimeout, "SECUREGATE_WEBHOOK_TIMEOUT") ?? 15
        guard configuration.webhookTimeout >= 1 else { throw ValidationError("--webhook-timeout must be at least 1 second") }
    }

    /// The transport that posts webhooks, under the address policy and timeout of `configuration`.
    func transport(_ configuration: AppConfiguration, time: any TimeSource) throws -> HTTPWebhookTransport {
        try HTTPWebhookTransport(
            allowPrivateAddresses: Setting.flag(allowPrivateWebhookURLs, "SECUREGATE_ALLOW_PRIVATE_WEBHOOK_URLS"),
            timeout: .milliseconds(Int64(configuration.webhookTimeout * 1000)), time: time
        )
    }
}
