/// Who is calling: the account a valid API key belongs to, and that key.
public struct Principal: Sendable, Equatable {
    public var accountID: String
    public var keyID: String

    public init(accountID: String, keyID: String) {
        self.accountID = accountID
        self.keyID = keyID
    }
}
