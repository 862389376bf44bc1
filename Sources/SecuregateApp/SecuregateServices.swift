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
    public let webhooks: WebhookService
    public let doors: DoorService
    public let console: ConsoleService
    /// The clock and the digest every service uses, for the parts built beside them (the console's sessions).
    public let time: any TimeSource
    public let hasher: any SecretHasher
    /// What fetches images from URLs: the faces' image URLs, the events' images for the pages.
    public let imageFetcher: any ImageFetcher

    public init(
        store: any SecuregateStore, time: any TimeSource, ids: any IDGenerator, hasher: any SecretHasher,
        checkinRules: CheckinRules = CheckinRules(), faceEngine: (any FaceEngine)? = nil,
        imageFetcher: (any ImageFetcher)? = nil, faceSettings: FaceSettings = FaceSettings(),
        publicURL: String = "http://127.0.0.1:8080", codeReader: (any CodeReader)? = nil
    ) throws {
        self.store = store
        self.time = time
        self.hasher = hasher
        self.events = EventService(store: store, time: time, ids: ids)
        self.invites = InviteService(store: store, time: time, ids: ids)
        self.webhooks = WebhookService(store: store, time: time, ids: ids)
        self.keys = KeyService(store: store, time: time, ids: ids, hasher: hasher)
        self.doors = DoorService(store: store, time: time, ids: ids, hasher: hasher, publicURL: publicURL)
        self.console = ConsoleService(store: store, time: time, keys: keys, ids: ids)
        self.imageFetcher = try imageFetcher ?? HTTPImageFetcher()
        self.faces = FaceService(store: store, engine: faceEngine, fetcher: self.imageFetcher, time: time, settings: faceSettings)
        self.invitees = InviteeService(store: store, time: time, ids: ids, faces: faces, publicURL: publicURL)
        self.checkins = CheckinService(
            store: store, time: time, ids: ids, rules: checkinRules, faces: faces, codeReader: codeReader ?? ZBarCodeReader()
        )
    }
}
