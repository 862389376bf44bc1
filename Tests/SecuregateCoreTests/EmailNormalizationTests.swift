import Foundation
import SecuregateCore
import Testing

@Suite("Email normalization")
struct EmailNormalizationTests {
    /// Every character Foundation counts as white space or a newline (Unicode's White_Space and U+200B).
    static let whiteSpace: [Character] = [
        "\u{09}", "\u{0A}", "\u{0B}", "\u{0C}", "\u{0D}", "\u{20}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
        "\u{2005}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}",
    ]

    @Test("trims what Foundation trims and lower-cases", arguments: whiteSpace)
    func matchesFoundation(space: Character) {
        for email in ["Ada@X.io", "\(space)Ada@X.io", "Ada@X.io\(space)", "\(space)\(space)A d\(space)a@x.IO\(space)",
                      "\(space)", "\(space)\(space)", "", "É@Ü.de", "\u{200C}a@x.io", "a\u{FEFF}"] {
            let expected = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            #expect(Invite.normalize(email: email) == expected, "\(email.unicodeScalars.map { $0.value })")
        }
    }
}
