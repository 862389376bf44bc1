import Foundation

/// An email as the mail server receives it: RFC 5322 headers (names and subject in RFC 2047 words when they are
/// not plain ASCII) and a `multipart/alternative` body of plain text and HTML, each in base64.
struct MailMessage: Sendable {
    var from: MailAddress
    var to: MailAddress
    var subject: String
    var text: String
    var html: String
    /// Stable for one outbox message, so that a retry sends the same id and a mailbox keeps one copy.
    var messageID: String
    var date: Date

    /// The whole message, with CRLF line ends.
    var bytes: [UInt8] {
        let boundary = "=_securegate_\(messageID)"
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
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(Data(content.utf8))
        }
        lines += ["--\(boundary)--", ""]
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

    /// Base64 in lines of 76 characters.
    static func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[from..<(encoded.index(from, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }
    }

    /// `Mon, 30 Nov 2026 14:07:12 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Plain text as HTML: escaped, each paragraph its own.
    static func html(fromText text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        let paragraphs = escaped.components(separatedBy: "\n\n").map { "<p>\($0.replacingOccurrences(of: "\n", with: "<br>"))</p>" }
        return "<!DOCTYPE html><html><body>\(paragraphs.joined())</body></html>"
    }
}
