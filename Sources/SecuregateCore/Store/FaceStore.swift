import Foundation

/// Persistence of reference faces. Every change to an event's faces advances its face generation, so that
/// the in-memory index of any server instance knows when to reload.
public protocol FaceStore: Sendable {
    /// Stores or replaces the face of the account's invite (and, when it came from a URL, sets the invite's
    /// `image` to it); throws `inviteNotFound`, or `eventArchived` when its event is deleted.
    func saveFace(_ enrollment: FaceEnrollment, accountID: String) async throws
    /// Erases the face of the account's invite; throws `inviteNotFound`. Returns whether there was one.
    func deleteFace(inviteID: String, accountID: String, at: Date) async throws -> Bool
    /// The face of the account's invite, if enrolled.
    func face(inviteID: String, accountID: String) async throws -> FaceEnrollment?
    /// The event's face generation: it changes whenever one of its faces does.
    func faceGeneration(eventID: String) async throws -> Int64
    /// Every enrolled face of the event, with a generation no newer than the faces read.
    func faces(eventID: String) async throws -> (generation: Int64, faces: [(inviteID: String, descriptor: FaceDescriptor)])
    /// Erases the faces of events soft-deleted at or before `cutoff`; returns how many were erased.
    func eraseFaces(ofEventsDeletedAtOrBefore cutoff: Date) async throws -> Int
    /// Sets the invite's `last_seen`.
    func markSeen(inviteID: String, at: Date) async throws
}
