/// The nearest enrolled face of an event to a photo's face.
public struct FaceMatch: Sendable, Equatable {
    public var inviteID: String
    /// The Euclidean distance between the descriptors.
    public var distance: Float

    public init(inviteID: String, distance: Float) {
        self.inviteID = inviteID
        self.distance = distance
    }
}
