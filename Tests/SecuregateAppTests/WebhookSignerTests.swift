import Foundation
import SecuregateApp
import SecuregateCore
import Testing

/// The webhook signer against the Standard Webhooks specification's published known answer.
struct WebhookSignerTests {
    @Test func theSpecificationsTestVectorSignsAlike() throws {
        let secret = try #require(WebhookSigner.Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let signature = WebhookSigner(secrets: [secret])
            .signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func duringARotationBothSecretsSignAndSecretsRoundTrip() throws {
        let old = try #require(WebhookSigner.Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        // New secrets come from the server's generator: 32 random bytes, read back as they were written.
        let text = RandomIDGenerator().makeSigningSecret()
        let new = try #require(WebhookSigner.Secret(text))
        #expect(new.bytes.count == 32 && new.text == text)
        let both = WebhookSigner(secrets: [new, old]).signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        let entries = both.split(separator: " ")
        #expect(entries.count == 2 && entries.allSatisfy { $0.hasPrefix("v1,") })
        #expect(entries[1] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(WebhookSigner.Secret("whsec_c2hvcnQ=") == nil, "too short")
        #expect(WebhookSigner.Secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") == nil, "no prefix")
    }
}
