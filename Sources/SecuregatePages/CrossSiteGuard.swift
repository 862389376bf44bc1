import HTTPTypes
import Hummingbird

/// Tells a page's own form posts from forms posted by another site. Browsers say where a request comes from
/// in `Sec-Fetch-Site`; with `Referrer-Policy: no-referrer` Chromium sends `Origin: null` on a page's own
/// posts, so `Origin` alone cannot decide. A request with neither header did not come from a browser's
/// form on another site (and the token in the path is a secret such a site would not have anyway).
enum CrossSiteGuard {
    /// Whether `request` may change something.
    static func allows(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite] {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[.origin], origin != "null" else { return true }
        // An older browser without Sec-Fetch-Site: the origin must be this server's.
        guard let host = request.head.authority else { return false }
        return origin == "https://\(host)" || origin == "http://\(host)"
    }
}
