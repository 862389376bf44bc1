import SecuregateCore
import SecuregateStore
import Testing

struct KeyTokenTests {
    @Test func tokensRoundTripAndRejectForeignShapes() {
        let token = APIKeyToken(keyID: "key_01abc", secret: "s3cr3t")
        #expect(token.text == "sg_01abc_s3cr3t")
        #expect(APIKeyToken(parsing: token.text) == token)
        for bad in ["", "keyA", "sg_", "sg_abc", "sg__secret", "sg_abc_", "xx_abc_def"] {
            #expect(APIKeyToken(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func digestsCompareInConstantTimeButCorrectly() {
        let hasher = SHA256SecretHasher()
        #expect(constantTimeEquals(hasher.hash("a"), hasher.hash("a")))
        #expect(!constantTimeEquals(hasher.hash("a"), hasher.hash("b")))
        #expect(!constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(hasher.hash("abc").count == 32)
    }

    @Test func generatedIDsSortInCreationOrderAndCodesAvoidConfusableLetters() {
        let ids = RandomIDGenerator()
        let made = (0..<2_000).map { _ in ids.makeID(.invite) }
        #expect(made == made.sorted())
        #expect(Set(made).count == made.count)
        #expect(made.allSatisfy { $0.hasPrefix("inv_") && $0.count == 30 })
        let code = ids.makeSessionCode()
        #expect(code.count == 12)
        #expect(code.allSatisfy { "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".contains($0) })
        #expect(ids.makeSecret().count == 32)
    }
}
