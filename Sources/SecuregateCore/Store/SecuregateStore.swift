/// Everything the server persists, behind one protocol so that every backend passes the same contract tests.
public protocol SecuregateStore: EventStore, InviteStore, KeyStore, OutboxStore, CheckinStore, FaceStore, InviteLinkStore, WebhookStore,
    WebhookDeliveryStore, DoorStore, PersistStore {
    /// Runs a real query; throws when the database does not answer.
    func checkReady() async throws
    /// How busy the database connections are now.
    var usage: StoreUsage { get }
    /// Releases connections; the store is unusable afterwards.
    func close() async throws
}
