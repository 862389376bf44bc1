/// What a scan presented: how the person was recognised.
public enum CheckinMethod: String, Sendable, CaseIterable {
    /// The QR code alone.
    case qr
    /// A photo alone, matched among the event's enrolled faces.
    case face
    /// The QR code and a photo compared with that invite's enrolled face.
    case qrFace = "qr_face"
}

/// What the face engine said about a scan's photo.
public enum FaceCheck: Sendable, Equatable {
    /// The photo's face is within the threshold of the invite's enrolled face.
    case matched(distance: Float)
    /// It is not (the distance is absent when no enrolled face was near enough to name one).
    case mismatched(distance: Float?)
    /// The photo shows no face.
    case noFace
    /// The invite has no enrolled face to compare with.
    case notEnrolled

    /// The distance the decision was made on, for the ledger.
    public var distance: Float? {
        switch self {
        case .matched(let distance): distance
        case .mismatched(let distance): distance
        case .noFace, .notEnrolled: nil
        }
    }
}

/// The face side of a scan, worked out before its transaction: the slow part never holds the writer.
public struct ScanEvidence: Sendable, Equatable {
    public var method: CheckinMethod
    public var face: FaceCheck?
    /// For a photo-only scan: the invite the photo matched.
    public var matchedInviteID: String?

    public init(method: CheckinMethod = .qr, face: FaceCheck? = nil, matchedInviteID: String? = nil) {
        self.method = method
        self.face = face
        self.matchedInviteID = matchedInviteID
    }
}
