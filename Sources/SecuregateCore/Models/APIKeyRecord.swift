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

    public init(
        id: String, accountID: String, accountName: String, secretHash: [UInt8], createdAt: Date, revokedAt: Date? = nil,
        scope: APIKeyScope = .admin
    ) {
        self.scope = scope
        self.id = id
        self.accountID = accountID
        self.accountName = accountName
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
