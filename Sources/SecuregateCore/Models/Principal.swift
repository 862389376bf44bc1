/// Who is calling: the account a valid API key belongs to, and that key.
public struct Principal: Sendable, Equatable {
    public var accountID: String
    public var keyID: String
    public var scope: APIKeyScope

    public init(accountID: String, keyID: String, scope: APIKeyScope = .admin) {
        self.accountID = accountID
        self.keyID = keyID
        self.scope = scope
    }
}
