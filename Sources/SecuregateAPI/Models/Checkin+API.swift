import Foundation
import SecuregateCore

extension CheckinType: APIEnum {}

extension CheckinResult: APIEnum {}

extension CheckinMethod: APIEnum {}

extension CheckinReason: APIEnum {}

extension ScanRequest: APIInputModel {
    public init() { self.init(code: "") }

    /// Addition: the body of `POST /events/{event_id}/checkins`.
    public static let model = Model<ScanRequest>("CheckinScan", [
        // Empty when the photo alone identifies the person.
        .field("code", \.code, default: ""),
        .field("type", \.type, default: .entry),
        .field("gate", \.gate, default: ""),
        .field("nonce", \.nonce, default: .some(nil)),
        .field("face_image", \.faceImage, default: .some(nil)),
        // A camera frame in place of `code`: the server reads the QR code (and the face) in it; with `code`,
        // the frame is the face (the face step of a `Both` invite).
        .field("image", \.image, default: .some(nil)),
    ])
}

extension ScanOutcome: APIModel {
    /// Addition: the door's answer to a scan.
    public static let model = Model<ScanOutcome>("CheckinOutcome", [
        .output("result", \.result),
        .output("reason", \.reason),
        .output("invite", \.invite),
        .output("checked_in_at", \.checkedInAt),
        // Where the person came in, for an entry refused as already checked in (when known).
        .output("checked_in_gate", \.checkedInGate),
    ])
}

extension Checkin: APIModel {
    /// Addition: one entry of the check-in ledger.
    public static let model = Model<Checkin>("Checkin", [
        .output("id", \.id),
        .output("event_id", \.eventID),
        .output("invite_id", \.inviteID),
        .output("code", \.code),
        .output("type", \.type),
        .output("gate", \.gate),
        .output("result", \.result),
        .output("reason", \.reason),
        .output("key_id", \.keyID),
        .output("scanned_at", \.scannedAt),
        .output("method", \.method),
        .output("face_distance", \.faceDistance),
    ])
}

extension CheckinPage: APIModel {
    /// Addition: a page of the ledger, newest first.
    public static let model = Model<CheckinPage>("CheckinPage", [
        .output("items", \.items),
        .output("next_cursor", \.nextCursor),
    ])
}

/// The formats of a QR code image.
public enum QRFormat: String, Sendable, CaseIterable, APIEnum {
    case png
    case svg
}

/// The query of `GET /invites/{invite_id}/qr`.
public struct QRQuery: APIInputModel {
    public var format = QRFormat.png

    public init() {}

    public static let model = Model<QRQuery>("QRQuery", [
        .field("format", \.format, default: .png),
    ])
}

/// The query of `GET /events/{event_id}/checkins`.
public struct LedgerQuery: APIInputModel {
    public var cursor: String? = nil
    public var limit = 50

    public init() {}

    public static let model = Model<LedgerQuery>("LedgerQuery", [
        .field("cursor", \.cursor, default: .some(nil)),
        .field("limit", \.limit, default: 50, in: 1...500),
    ])
}
