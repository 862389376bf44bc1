import Foundation

/// An invitee's reference face: the descriptor the door compares with, never returned by the API.
public struct FaceEnrollment: Sendable, Equatable {
    public var inviteID: String
    public var eventID: String
    public var descriptor: FaceDescriptor
    /// Where the reference photo came from.
    public var source: FaceSource
    public var enrolledAt: Date
    /// The URL the photo was fetched from, when it was; enrollment stores it as the invite's `image`.
    public var imageURL: String?
    /// The reference photo itself, only when the server is configured to keep it.
    public var photo: Data?

    public init(
        inviteID: String, eventID: String, descriptor: FaceDescriptor, source: FaceSource, enrolledAt: Date,
        imageURL: String? = nil, photo: Data? = nil
    ) {
        self.imageURL = imageURL
        self.inviteID = inviteID
        self.eventID = eventID
        self.descriptor = descriptor
        self.source = source
        self.enrolledAt = enrolledAt
        self.photo = photo
    }
}

/// Where a reference photo came from.
public enum FaceSource: String, Sendable, CaseIterable {
    /// Sent as the body of the enrollment request.
    case upload
    /// Fetched from the invite's `image` URL.
    case imageURL = "image_url"
    /// Taken or chosen by the invitee on their page, with their consent.
    case invitee
}
