import Foundation

/// Whether a scan lets a person in or notes that they left.
public enum CheckinType: String, Sendable, CaseIterable {
    case entry
    case exit
}

/// Whether the door said yes.
public enum CheckinResult: String, Sendable, CaseIterable {
    case ok
    case refused
}

/// Why the door said no, machine-readable.
public enum CheckinReason: String, Sendable, CaseIterable {
    /// No invite of the account carries this code.
    case unknownCode = "unknown_code"
    /// The code belongs to another event of the account.
    case wrongEvent = "wrong_event"
    /// The person is inside already; an exit must be scanned first.
    case alreadyCheckedIn = "already_checked_in"
    /// An exit was scanned for someone who is not inside.
    case notCheckedIn = "not_checked_in"
    /// Only accepted invites may enter.
    case notAccepted = "not_accepted"
    /// The event was deleted.
    case eventArchived = "event_archived"
    /// Before the doors open or after the event ended.
    case outsideWindow = "outside_window"
    /// The invite asks for a face check, which a QR code alone cannot give.
    case biometricRequired = "biometric_required"
    /// The invite asks for its QR code, which a photo alone cannot give.
    case codeRequired = "code_required"
    /// The photo's face is not the invite's enrolled face (or the invite has none; or, for a photo alone, no
    /// enrolled invitee of the event is near enough).
    case faceMismatch = "face_mismatch"
    /// The photo shows no face.
    case noFace = "no_face"
    /// A camera frame shows neither a QR code nor a face: not a scan, not in the ledger.
    case noCode = "no_code"
    /// A camera frame shows more than one QR code: which person is at the door is unclear; not in the ledger.
    case ambiguousCode = "ambiguous_code"
}

/// One scan at the door, as the ledger keeps it: refused scans too.
public struct Checkin: Sendable, Equatable {
    public var id: String
    public var eventID: String
    public var inviteID: String?
    public var code: String
    public var type: CheckinType
    public var gate: String
    public var result: CheckinResult
    public var reason: CheckinReason?
    public var keyID: String
    public var scannedAt: Date
    public var method: CheckinMethod
    /// The face distance the decision was made on, when a photo was compared.
    public var faceDistance: Double?

    public init(
        id: String, eventID: String, inviteID: String?, code: String, type: CheckinType, gate: String,
        result: CheckinResult, reason: CheckinReason?, keyID: String, scannedAt: Date, method: CheckinMethod,
        faceDistance: Double?
    ) {
        self.method = method
        self.faceDistance = faceDistance
        self.id = id
        self.eventID = eventID
        self.inviteID = inviteID
        self.code = code
        self.type = type
        self.gate = gate
        self.result = result
        self.reason = reason
        self.keyID = keyID
        self.scannedAt = scannedAt
    }
}

/// What a scanner sends.
public struct ScanRequest: Sendable, Equatable {
    public var code: String
    public var type: CheckinType
    public var gate: String
    /// Chosen by the scanner for each scan: a retry with the same nonce gets the first answer back.
    public var nonce: String?
    /// A photo of the person at the door, base64-encoded JPEG or PNG.
    public var faceImage: String?
    /// A camera frame, base64-encoded JPEG or PNG, in place of `code`: the server reads the QR code in it and,
    /// for invites that ask for one, the face.
    public var image: String?

    public init(
        code: String = "", type: CheckinType = .entry, gate: String = "", nonce: String? = nil, faceImage: String? = nil,
        image: String? = nil
    ) {
        self.faceImage = faceImage
        self.image = image
        self.code = code
        self.type = type
        self.gate = gate
        self.nonce = nonce
    }
}

/// The door's answer to a scan.
public struct ScanOutcome: Sendable, Equatable {
    public var result: CheckinResult
    public var reason: CheckinReason?
    public var invite: Invite?
    /// When the person entered (for an entry or an exit that succeeded).
    public var checkedInAt: Date?
    /// The gate the person entered at, for an entry refused as already checked in.
    public var checkedInGate: String?

    public init(result: CheckinResult, reason: CheckinReason?, invite: Invite?, checkedInAt: Date?, checkedInGate: String? = nil) {
        self.result = result
        self.reason = reason
        self.invite = invite
        self.checkedInAt = checkedInAt
        self.checkedInGate = checkedInGate
    }
}

/// One page of the ledger, newest first.
public struct CheckinPage: Sendable, Equatable {
    public var items: [Checkin]
    /// Pass it back as `cursor` for the next (older) page; `nil` on the last page.
    public var nextCursor: String?

    public init(items: [Checkin], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
