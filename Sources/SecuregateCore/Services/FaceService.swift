import Foundation

/// Faces: enrolling an invitee's reference face, erasing it, and identifying a photo among an event's
/// enrolled invitees. Without an engine (no models), every operation throws `faceNotConfigured`.
public struct FaceService: Sendable {
    let store: any SecuregateStore
    let engine: (any FaceEngine)?
    let fetcher: any ImageFetcher
    let index: FaceIndex
    let time: any TimeSource
    public let settings: FaceSettings

    public init(
        store: any SecuregateStore, engine: (any FaceEngine)?, fetcher: any ImageFetcher, time: any TimeSource,
        settings: FaceSettings = FaceSettings()
    ) {
        self.store = store
        self.engine = engine
        self.fetcher = fetcher
        self.index = FaceIndex(store: store)
        self.time = time
        self.settings = settings
    }

    /// Whether faces can be worked with at all.
    public var isConfigured: Bool { engine != nil }

    /// Enrolls the reference face of the caller's invite from `photo`; else from `url`, which becomes the
    /// invite's `image`; else from the invite's `image` URL. Exactly one face must be found.
    public func enroll(inviteID: String, photo: Data?, url: String? = nil, by principal: Principal) async throws -> FaceEnrollment {
        let engine = try requireEngine()
        guard let invite = try await store.invite(id: inviteID, accountID: principal.accountID) else {
            throw SecuregateError.inviteNotFound
        }
        let source: FaceSource
        let image: Data
        var imageURL: String?
        if let photo, !photo.isEmpty {
            (source, image) = (.upload, photo)
        } else if let url = url ?? invite.image, !url.isEmpty {
            (source, image, imageURL) = (.imageURL, try await fetcher.fetch(url), url)
        } else {
            throw SecuregateError.imageRequired
        }
        return try await enroll(invite, image: image, source: source, imageURL: imageURL, engine: engine)
    }

    /// Enrolls the reference face of `invite` from a photo its invitee gave on their page.
    public func enroll(_ invite: Invite, inviteePhoto photo: Data) async throws -> FaceEnrollment {
        try await enroll(invite, image: photo, source: .invitee, imageURL: nil, engine: try requireEngine())
    }

    /// The one face of `image`, stored as `invite`'s reference.
    private func enroll(_ invite: Invite, image: Data, source: FaceSource, imageURL: String?, engine: any FaceEngine) async throws -> FaceEnrollment {
        let faces = try await Self.faces(in: image, engine: engine)
        guard faces.count == 1 else {
            throw faces.isEmpty ? SecuregateError.noFaceFound : SecuregateError.multipleFaces(faces.count)
        }
        let enrollment = FaceEnrollment(
            inviteID: invite.id, eventID: invite.eventID, descriptor: faces[0].descriptor, source: source,
            enrolledAt: time.now(), imageURL: imageURL, photo: settings.keepPhotos ? image : nil
        )
        try await store.saveFace(enrollment, accountID: invite.accountID)
        return enrollment
    }

    /// Whether `invite` has a reference face.
    public func isEnrolled(_ invite: Invite) async throws -> Bool {
        try await store.face(inviteID: invite.id, accountID: invite.accountID) != nil
    }

    /// Erases `invite`'s reference face at its invitee's request; returns whether there was one.
    public func erase(_ invite: Invite) async throws -> Bool {
        try await store.deleteFace(inviteID: invite.id, accountID: invite.accountID, at: time.now())
    }

    /// What the server keeps of a face and for how long, for the invitee's page to say.
    public var storageSettings: FaceSettings { settings }

    /// Erases the reference face of the caller's invite; returns whether there was one (none is not an error).
    public func erase(inviteID: String, by principal: Principal) async throws -> Bool {
        try await store.deleteFace(inviteID: inviteID, accountID: principal.accountID, at: time.now())
    }

    /// Erases the faces of events deleted longer ago than the retention; returns how many.
    public func eraseExpired() async throws -> Int {
        try await store.eraseFaces(ofEventsDeletedAtOrBefore: time.now().addingTimeInterval(-settings.retentionAfterDelete))
    }

    /// The enrollment of the caller's invite; throws `faceNotEnrolled` when there is none.
    public func enrollment(inviteID: String, for principal: Principal) async throws -> FaceEnrollment {
        guard try await store.invite(id: inviteID, accountID: principal.accountID) != nil else {
            throw SecuregateError.inviteNotFound
        }
        guard let face = try await store.face(inviteID: inviteID, accountID: principal.accountID) else {
            throw SecuregateError.faceNotEnrolled
        }
        return face
    }

    /// Identifies the largest face of a photo (from the body, or fetched from `url`) among the enrolled invitees
    /// of the caller's event, and marks the invitee as seen.
    public func identify(eventID: String, photo: Data?, url: String?, by principal: Principal) async throws -> Identification {
        let engine = try requireEngine()
        guard try await store.event(id: eventID, accountID: principal.accountID) != nil else {
            throw SecuregateError.eventNotFound
        }
        let image: Data
        if let photo, !photo.isEmpty {
            image = photo
        } else if let url {
            image = try await fetcher.fetch(url)
        } else {
            throw SecuregateError.imageRequired
        }
        let started = time.now()
        guard let face = try await Self.faces(in: image, engine: engine).first else { throw SecuregateError.noFaceFound }
        guard let match = try await index.nearest(to: face.descriptor, eventID: eventID),
              settings.isSamePerson(atDistance: match.distance),
              var invite = try await store.invite(id: match.inviteID, accountID: principal.accountID)
        else { throw SecuregateError.noMatchingInvitee }
        let now = time.now()
        try await store.markSeen(inviteID: invite.id, at: now)
        invite.lastSeen = now
        return Identification(invite: invite, distance: match.distance, threshold: settings.threshold, startedAt: started, finishedAt: now)
    }

    /// The largest face of `image`, or `nil` when there is none: for the door.
    public func largestFace(in image: Data) async throws -> DetectedFace? {
        try await Self.faces(in: image, engine: requireEngine()).first
    }

    /// Whether the event has any enrolled face: a face alone can only be matched then.
    public func hasEnrolledFaces(eventID: String) async throws -> Bool {
        try await !index.entry(eventID: eventID).inviteIDs.isEmpty
    }

    /// The nearest enrolled invitee of the event to `face`, whatever the distance: for the door.
    public func nearest(to face: DetectedFace, eventID: String) async throws -> FaceMatch? {
        try await index.nearest(to: face.descriptor, eventID: eventID)
    }

    private func requireEngine() throws -> any FaceEngine {
        guard let engine else { throw SecuregateError.faceNotConfigured }
        return engine
    }

    private static func faces(in image: Data, engine: any FaceEngine) async throws -> [DetectedFace] {
        do {
            return try await engine.faces(in: image)
        } catch FaceEngineError.unreadableImage {
            throw SecuregateError.unreadableImage
        } catch FaceEngineError.tooLarge(let width, let height, let limit) {
            throw SecuregateError.imageTooLarge(width: width, height: height, limit: limit)
        } catch FaceEngineError.busy {
            throw SecuregateError.faceBusy
        }
    }
}
