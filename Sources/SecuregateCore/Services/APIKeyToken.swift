/// The text of an API key as a client sends it: `sg_<key id>_<secret>`.
public struct APIKeyToken: Sendable, Equatable {
    public static let prefix = "sg_"

    /// The key's public id, `key_…`, which is stored and shown.
    public var keyID: String
    /// The secret, which is only ever shown once.
    public var secret: String

    public init(keyID: String, secret: String) {
        self.keyID = keyID
        self.secret = secret
    }

    /// Parses a token; `nil` when it is not of our form.
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let separator = rest.lastIndex(of: "_") else { return nil }
        let id = rest[..<separator]
        let secret = rest[rest.index(after: separator)...]
        guard !id.isEmpty, !secret.isEmpty, id.count <= 64, secret.count <= 128 else { return nil }
        self.keyID = "\(IDKind.key.rawValue)_\(id)"
        self.secret = String(secret)
    }

    /// The token as the client sends it.
    public var text: String {
        let idSuffix = keyID.dropFirst(IDKind.key.rawValue.count + 1)
        return "\(Self.prefix)\(idSuffix)_\(secret)"
    }
}
