/// Everything the server persists, behind one protocol so that every backend passes the same contract tests.
public protocol SecuregateStore: EventStore, InviteStore, KeyStore, OutboxStore, CheckinStore, FaceStore, InviteLinkStore, WebhookStore {
    /// Releases connections; the store is unusable afterwards.
    func close() async throws
}
