import Foundation

/// How Starlette decides that a body is JSON.
enum ContentType {
    /// True without a content type, or for `application/json` and any `application/*+json`, parameters ignored.
    static func isJSON(_ header: String?) -> Bool {
        guard let header else { return true }
        // What nearly every client sends, answered without parsing.
        if header == "application/json" { return true }
        let mediaType = header.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        let parts = mediaType.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[0] == "application" else { return false }
        return parts[1] == "json" || parts[1].hasSuffix("+json")
    }
}
