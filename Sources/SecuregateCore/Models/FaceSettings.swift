import Foundation

/// How faces are matched and kept.
public struct FaceSettings: Sendable, Equatable {
    /// The largest descriptor distance that counts as the same person (dlib's models: 0.6).
    public var threshold: Float
    /// Whether reference photos are stored beside their descriptors.
    public var keepPhotos: Bool
    /// How long the faces of a deleted event are kept before they are erased.
    public var retentionAfterDelete: TimeInterval

    public init(threshold: Float = 0.6, keepPhotos: Bool = false, retentionAfterDelete: TimeInterval = 0) {
        self.threshold = threshold
        self.keepPhotos = keepPhotos
        self.retentionAfterDelete = retentionAfterDelete
    }

    /// Whether two faces this far apart are the same person.
    public func isSamePerson(atDistance distance: Float) -> Bool {
        distance <= threshold
    }
}
