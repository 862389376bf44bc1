import Foundation

/// How FastAPI decides that a body is JSON.
enum ContentType {
    /// True for `application/json` and any `application/*+json`, parameters ignored. False without a content
    /// type: FastAPI's strict content type, its default since 0.132, which keeps a page of another origin from
    /// posting JSON without a CORS preflight.
    static func isJSON(_ header: String?) -> Bool {
        guard let header else { return false }
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
