import Crypto
import Foundation

/// Signs webhook requests as the Standard Webhooks specification (v1.0.0) says, so that any of its libraries
/// verifies them: HMAC-SHA256 with the secret's bytes over `{webhook-id}.{webhook-timestamp}.{body}`, written
/// `v1,<base64>`; during a secret's rotation both secrets sign, their entries separated by a space.
public struct WebhookSigner: Sendable {
    /// A secret as the specification writes it: `whsec_` and the base64 of its bytes.
    public struct Secret: Sendable, Equatable {
        public let bytes: [UInt8]

        /// Reads `whsec_…`; nil when it is not base64 of at least 24 bytes.
        public init?(_ text: String) {
            guard text.hasPrefix("whsec_"), let data = Data(base64Encoded: String(text.dropFirst(6))), data.count >= 24 else {
                return nil
            }
            bytes = [UInt8](data)
        }

        /// `whsec_` and the base64 of the bytes.
        public var text: String { "whsec_" + Data(bytes).base64EncodedString() }
    }

    let secrets: [Secret]

    /// A signer with the secrets valid now, the newest first.
    public init(secrets: [Secret]) {
        self.secrets = secrets
    }

    /// The `webhook-signature` value for a message.
    public func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        return secrets.map { secret in
            let code = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: secret.bytes))
            return "v1," + Data(code).base64EncodedString()
        }.joined(separator: " ")
    }
}
