/// How an invitee proves who they are at the door.
public enum AuthenticationMethod: String, Sendable, CaseIterable, Codable {
    case qrCode = "QR Code"
    case biometric = "Biometric"
    case both = "Both"
}
