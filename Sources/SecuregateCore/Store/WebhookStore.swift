/// Persistence of the accounts' webhook endpoints.
public protocol WebhookStore: Sendable {
    /// Stores a new endpoint.
    func insertWebhook(_ endpoint: WebhookEndpoint) async throws
    /// The account's endpoints, oldest first.
    func webhooks(accountID: String) async throws -> [WebhookEndpoint]
    /// One of the account's endpoints, or `nil`.
    func webhook(id: String, accountID: String) async throws -> WebhookEndpoint?
    /// Replaces a stored endpoint with `endpoint`; throws `webhookNotFound` when the account has none with its id.
    func updateWebhook(_ endpoint: WebhookEndpoint) async throws
    /// Deletes one of the account's endpoints; returns whether there was one.
    func deleteWebhook(id: String, accountID: String) async throws -> Bool
}
