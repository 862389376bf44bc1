import Foundation

/// One part of a MIME message (RFC 2045–2046): content in base64 under its headers, or parts under a
/// `multipart/…` type.
indirect enum MIMEPart: Sendable {
    /// Content with its `Content-Type` and any further headers (`Content-ID`, `Content-Disposition`).
    case content(type: String, headers: [String] = [], bytes: [UInt8])
    /// `multipart/SUBTYPE`, with parameters after the boundary (`type="text/html"` for `related`).
    case multipart(subtype: String, parameters: String = "", parts: [MIMEPart])

    /// Text in UTF-8.
    static func text(_ subtype: String, _ text: String) -> MIMEPart {
        .content(type: "text/\(subtype); charset=utf-8", bytes: Array(text.utf8))
    }

    /// The part's header and body lines. Boundaries start with `=_`, which base64 never writes, and carry
    /// `seed` and the part's place, so that none is a prefix of another.
    func lines(seed: String, place: String = "0") -> [String] {
        switch self {
        case .content(let type, let headers, let bytes):
            return ["Content-Type: \(type)", "Content-Transfer-Encoding: base64"] + headers + [""] + Self.base64Lines(bytes)
        case .multipart(let subtype, let parameters, let parts):
            let boundary = "=_\(seed).\(place)"
            var lines = ["Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\(parameters.isEmpty ? "" : "; \(parameters)")", ""]
            for (index, part) in parts.enumerated() {
                lines.append("--\(boundary)")
                lines += part.lines(seed: seed, place: "\(place)\(index)")
            }
            lines.append("--\(boundary)--")
            return lines
        }
    }

    /// Base64 in lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        lines.reserveCapacity(encoded.utf8.count / 76 + 1)
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return lines
    }
}
