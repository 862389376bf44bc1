import Foundation

/// An email as the mail server receives it: RFC 5322 headers (names and subject in RFC 2047 words when they are
/// not plain ASCII) over a MIME body.
struct MailMessage: Sendable {
    var from: MailAddress
    var to: MailAddress
    var subject: String
    var body: MIMEPart
    /// Stable for one outbox message, so that a retry sends the same id and a mailbox keeps one copy.
    var messageID: String
    var date: Date

    /// The whole message, with CRLF line ends.
    var bytes: [UInt8] {
        var lines = [
            "From: \(Self.header(from))",
            "To: \(Self.header(to))",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)@\(from.domain)>",
            "MIME-Version: 1.0",
            // Automatic mail: no out-of-office replies, no read receipts (as pretix sends).
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: OOF, NRN, AutoReply, RN",
        ]
        lines += body.lines(seed: messageID)
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// `Name <address>`, the name quoted or encoded as it needs.
    static func header(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.address)>" }
        let plain = name.allSatisfy { $0.isASCII && !$0.isNewline && !"\"\\".contains($0) }
        return "\(plain ? "\"\(name)\"" : encodedWords(name)) <\(address.address)>"
    }

    /// `text` as is when it is printable ASCII, else as RFC 2047 encoded words (UTF-8, base64), each within the
    /// 75 characters the RFC allows and never splitting a character.
    static func encodedWords(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && text.utf8.count <= 900 { return text }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Mon, 30 Nov 2026 14:07:12 +0000`.
    static func rfc5322(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)
        ))
    }
}
