import Foundation
import SecuregateCore

extension FaceSource: APIEnum {}

extension FaceEnrollment: APIModel {
    /// Addition: an invitee's enrolled face. The descriptor itself is never returned.
    public static let model = Model<FaceEnrollment>("FaceEnrollment", [
        .output("invite_id", \.inviteID),
        .output("event_id", \.eventID),
        .output("source", \.source),
        .output("enrolled_at", \.enrolledAt),
        .output("photo_kept", \.photoKept),
    ])

    /// Whether the reference photo is stored beside the descriptor.
    public var photoKept: Bool { photo != nil }
}

/// The query of `PUT /invites/{invite_id}/face`.
public struct EnrollFaceQuery: APIInputModel {
    public var imageURL: String? = nil

    public init() {}

    /// Used when no photo is sent as the body; it becomes the invite's `image`.
    public static let model = Model<EnrollFaceQuery>("EnrollFaceQuery", [
        .field("image_url", \.imageURL, default: .some(nil)),
    ])
}

/// The query of `POST /identity`.
public struct IdentityQuery: APIInputModel {
    public var eventID = ""
    public var imageURL: String? = nil

    public init() {}

    /// `image_url` is required by the vendor; this server also takes the photo as the body, and then only.
    public static let model = Model<IdentityQuery>("IdentityQuery", [
        .field("event_id", \.eventID),
        .field("image_url", \.imageURL, default: .some(nil)),
    ])
}

/// Addition: the answer of `DELETE /invites/{invite_id}/face`.
public struct FaceErasure: APIModel {
    public var inviteID: String
    /// Whether a face was enrolled (and is now erased).
    public var erased: Bool

    public init(inviteID: String, erased: Bool) {
        self.inviteID = inviteID
        self.erased = erased
    }

    public static let model = Model<FaceErasure>("FaceErasure", [
        .output("invite_id", \.inviteID),
        .output("erased", \.erased),
    ])
}
