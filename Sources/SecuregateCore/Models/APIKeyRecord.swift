import Foundation

/// A stored API key: its public id and the hash of its secret, never the secret itself.
public struct APIKeyRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var accountName: String
    public var secretHash: [UInt8]
    public var createdAt: Date
    public var revokedAt: Date?
    public var scope: APIKeyScope
    /// What the key is for, in the operator's words ("door 3", "CRM sync").
    public var label: String
    /// When the key stops working by itself, if ever.
    public var expiresAt: Date?

    public init(
        id: String, accountID: String, accountName: String, secretHash: [UInt8], createdAt: Date, revokedAt: Date? = nil,
        scope: APIKeyScope = .admin, label: String = "", expiresAt: Date? = nil
    ) {
        self.label = label
        self.expiresAt = expiresAt
        self.scope = scope
        self.id = id
        self.accountID = accountID
        self.accountName = accountName
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the key works at `now`: neither revoked nor expired.
    public func isValid(at now: Date) -> Bool {
        revokedAt == nil && expiresAt.map { now < $0 } ?? true
    }
}
