import Foundation
import SQLKit
import SecuregateCore

/// Reading domain values out of result rows, column by column.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func date(_ column: String) throws -> Date { Date(timeIntervalSince1970: TimeInterval(try int(column))) }

    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    func enumeration<E: RawRepresentable<String>>(_ column: String, as type: E.Type) throws -> E {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else { throw StoreError.corruptValue(column: column, value: raw) }
        return value
    }

    func event() throws -> Event {
        Event(
            id: try string("id"), accountID: try string("account_id"), title: try string("title"),
            description: try string("description"), instructions: try string("instructions"),
            imageURL: try optionalString("image_url"),
            location: Location(
                address: try string("address"), city: try string("city"), state: try string("state"),
                zipCode: try string("zip_code"), country: try string("country")
            ),
            startTimestamp: try int("start_timestamp"), endTimestamp: try int("end_timestamp"),
            type: try enumeration("type", as: EventType.self), isDeleted: try decode(column: "is_deleted", as: Bool.self),
            createdAt: try date("created_at"), updatedAt: try date("updated_at")
        )
    }

    func invite() throws -> Invite {
        Invite(
            id: try string("id"), eventID: try string("event_id"), accountID: try string("account_id"),
            firstName: try string("first_name"), lastName: try string("last_name"), email: try string("email"),
            countryCode: try enumeration("country_code", as: CountryCode.self), mobileNumber: try string("mobile_number"),
            authenticationMethod: try enumeration("authentication_method", as: AuthenticationMethod.self),
            sessionCode: try string("session_code"), image: try optionalString("image"), sessionID: try string("session_id"),
            createdAt: try date("created_at"), updatedAt: try date("updated_at"), lastSeen: try optionalDate("last_seen"),
            onyxplusID: try optionalString("onyxplus_id"), ticketID: try optionalString("ticket_id"),
            status: try enumeration("status", as: InviteStatus.self),
            onboardingFlowType: try enumeration("onboarding_flow_type", as: OnboardingFlowType.self)
        )
    }

    func statusChange() throws -> InviteStatusChange {
        InviteStatusChange(
            inviteID: try string("invite_id"),
            from: try optionalString("from_status").map { raw in
                guard let status = InviteStatus(rawValue: raw) else { throw StoreError.corruptValue(column: "from_status", value: raw) }
                return status
            },
            to: try enumeration("to_status", as: InviteStatus.self), changedAt: try date("changed_at"),
            keyID: try optionalString("key_id"), source: try enumeration("source", as: ChangeSource.self)
        )
    }

    func outboxMessage() throws -> OutboxMessage {
        OutboxMessage(
            id: try string("id"), accountID: try string("account_id"), inviteID: try string("invite_id"),
            channel: try enumeration("channel", as: NotificationChannel.self), recipient: try string("recipient"),
            createdAt: try date("created_at"),
            attempts: try int("attempts"), deliveredAt: try optionalDate("delivered_at"),
            state: try enumeration("state", as: MessageState.self), lastError: try optionalString("last_error"),
            failedAt: try optionalDate("failed_at")
        )
    }

    func apiKey() throws -> APIKeyRecord {
        APIKeyRecord(
            id: try string("id"), accountID: try string("account_id"), accountName: try string("account_name"),
            secretHash: Array(try decode(column: "secret_hash", as: Data.self)), createdAt: try date("created_at"),
            revokedAt: try optionalDate("revoked_at"), scope: try enumeration("scope", as: APIKeyScope.self),
            label: try string("label"), expiresAt: try optionalDate("expires_at")
        )
    }
}

extension SQLRow {
    func checkin() throws -> Checkin {
        Checkin(
            id: try string("id"), eventID: try string("event_id"), inviteID: try optionalString("invite_id"),
            code: try string("code"), type: try enumeration("type", as: CheckinType.self), gate: try string("gate"),
            result: try enumeration("result", as: CheckinResult.self),
            reason: try optionalString("reason").map { raw in
                guard let reason = CheckinReason(rawValue: raw) else { throw StoreError.corruptValue(column: "reason", value: raw) }
                return reason
            },
            keyID: try string("key_id"), scannedAt: try date("scanned_at"),
            method: try enumeration("method", as: CheckinMethod.self),
            faceDistance: try decode(column: "face_distance", as: Double?.self)
        )
    }
}

extension SQLRow {
    func faceEnrollment() throws -> FaceEnrollment {
        FaceEnrollment(
            inviteID: try string("invite_id"), eventID: try string("event_id"),
            descriptor: try SQLStore.descriptor(from: decode(column: "descriptor", as: Data.self)),
            source: try enumeration("source", as: FaceSource.self), enrolledAt: try date("enrolled_at"),
            photo: try decode(column: "photo", as: Data?.self)
        )
    }
}

/// Failures of the store itself, as opposed to the domain's answers.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case corruptValue(column: String, value: String)
    case unsupportedDatabaseURL(String)
    case corruptFaceDescriptor
    /// A file could not be opened or locked.
    case cannotOpen(path: String, reason: String)
    /// A process (a server, a command) has the database open.
    case databaseInUse(String)
    /// A file offered as a backup is not a sound Securegate database; the text says why.
    case unusableBackup(String)
    /// Backups and restores are SQLite's; PostgreSQL has its own tools.
    case backupNeedsSQLite

    public var description: String {
        switch self {
        case .corruptValue(let column, let value): "corrupt value in \(column): \(value)"
        case .unsupportedDatabaseURL(let text): "unsupported database URL \(text)"
        case .corruptFaceDescriptor: "corrupt face descriptor"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .databaseInUse(let path): "\(path) is open in another process (a running server?); stop it first"
        case .unusableBackup(let reason): "not a usable backup: \(reason)"
        case .backupNeedsSQLite: "backup and restore work on SQLite databases; for PostgreSQL use pg_dump and pg_restore"
        }
    }
}

extension Date {
    /// The whole seconds the store keeps.
    var epochSeconds: Int { Int(timeIntervalSince1970.rounded(.down)) }
}
