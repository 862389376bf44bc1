/// How an invitee proves who they are at the door.
public enum AuthenticationMethod: String, Sendable, CaseIterable, Codable {
    case qrCode = "QR Code"
    case biometric = "Biometric"
    case both = "Both"
}

extension AuthenticationMethod {
    /// Whether the invitee is recognised by face at the door, and so asked for one.
    public var needsFace: Bool { self != .qrCode }
}
