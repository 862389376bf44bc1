import SecuregateCore

/// The domain services the HTTP layer calls, built once over one store.
public struct SecuregateServices: Sendable {
    public let store: any SecuregateStore
    public let events: EventService
    public let invites: InviteService
    public let keys: KeyService
    public let checkins: CheckinService
    public let faces: FaceService
    public let invitees: InviteeService

    public init(
        store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, hasher: any SecretHasher,
        checkinRules: CheckinRules = CheckinRules(), faceEngine: (any FaceEngine)? = nil,
        imageFetcher: (any ImageFetcher)? = nil, faceSettings: FaceSettings = FaceSettings(),
        publicURL: String = "http://127.0.0.1:8080"
    ) throws {
        self.store = store
        self.events = EventService(store: store, time: time, ids: ids)
        self.invites = InviteService(store: store, time: time, ids: ids)
        self.invitees = InviteeService(store: store, time: time, ids: ids, publicURL: publicURL)
        self.keys = KeyService(store: store, time: time, ids: ids, hasher: hasher)
        self.faces = FaceService(
            store: store, engine: faceEngine, fetcher: try imageFetcher ?? HTTPImageFetcher(), time: time, settings: faceSettings
        )
        self.checkins = CheckinService(store: store, time: time, ids: ids, rules: checkinRules, faces: faces)
    }
}
