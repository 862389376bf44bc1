import HTTPTypes
import Hummingbird

/// The headers every page carries: nothing loads from another origin, no site may frame it, the address
/// (which holds the invitee's token) is never sent on as a referrer, nothing is cached or indexed.
public struct PageHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers)
        return response
    }

    /// Sets the page headers on `headers`.
    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = PageHeaders.contentSecurityPolicy
        headers[.referrerPolicy] = "no-referrer"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.cacheControl] = "no-store"
        headers[.xRobotsTag] = "noindex, nofollow"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        headers[.permissionsPolicy] = "camera=(self), microphone=(), geolocation=()"
    }
}

/// The values the page headers share.
enum PageHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'"
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let xRobotsTag = Self("X-Robots-Tag")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
