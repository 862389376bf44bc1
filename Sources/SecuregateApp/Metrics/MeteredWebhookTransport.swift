import SecuregateCore

/// A webhook transport that counts the requests the receivers took and those they did not.
struct MeteredWebhookTransport: WebhookTransport {
    let base: any WebhookTransport
    let metrics: ServerMetrics

    func send(_ event: WebhookEvent, to endpoint: WebhookEndpoint, secrets: [String]) async -> WebhookResponse {
        let response = await base.send(event, to: endpoint, secrets: secrets)
        metrics.webhookRequest(delivered: response.isSuccess)
        return response
    }
}
