import SecuregateCore

/// The domain services the console's pages stand on: the same ones the API's handlers call.
public struct ConsoleServices: Sendable {
    public let console: ConsoleService
    public let events: EventService
    public let invites: InviteService
    public let invitees: InviteeService
    public let faces: FaceService
    public let doors: DoorService
    public let checkins: CheckinService
    public let keys: KeyService
    public let webhooks: WebhookService

    public init(
        console: ConsoleService, events: EventService, invites: InviteService, invitees: InviteeService, faces: FaceService, doors: DoorService,
        checkins: CheckinService, keys: KeyService, webhooks: WebhookService
    ) {
        self.keys = keys
        self.webhooks = webhooks
        self.doors = doors
        self.checkins = checkins
        self.console = console
        self.events = events
        self.invites = invites
        self.invitees = invitees
        self.faces = faces
    }
}
