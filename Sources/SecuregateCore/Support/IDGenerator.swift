/// Makes identifiers and secrets; injected so that tests are exact.
public protocol IDGenerator: Sendable {
    /// A new unique identifier of `kind`, greater than every one made before it by this generator.
    func makeID(_ kind: IDKind) -> String
    /// A new invite session code: what a QR code carries.
    func makeSessionCode() -> String
    /// A new API key secret (at least 128 random bits).
    func makeSecret() -> String
    /// A new webhook signing secret: `whsec_` and the base64 of 32 random bytes.
    func makeSigningSecret() -> String
}
