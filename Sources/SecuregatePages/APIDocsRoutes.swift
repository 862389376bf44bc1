import HTTPTypes
import Hummingbird
import SecuregateAPI

/// `GET /docs`, the API reference made from the server's own OpenAPI document, and `GET /`, which points to it.
/// Both are rendered once, at start: the document does not change while the server runs.
public struct APIDocsRoutes: Sendable {
    /// The paths these routes serve, for the method check and the request log.
    public static let paths: [String: [String]] = ["/": ["GET"], "/docs": ["GET"]]

    let reference: [UInt8]
    let home: [UInt8]

    public init(document: JSONValue, version: String, templates: PageTemplates, assets: PageAssets) {
        reference = templates.render("api-docs", APIReference(document: document).context, assets: assets)
        home = templates.render("home", ["version": version], assets: assets)
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/docs") { _, _ in Self.page(reference) }
        router.get("/") { _, _ in Self.page(home) }
    }

    /// An HTML page with the pages' headers.
    static func page(_ bytes: [UInt8]) -> Response {
        var response = PageTemplates.html(.ok, bytes)
        PageHeadersMiddleware<BasicRequestContext>.apply(to: &response.headers)
        return response
    }
}
