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
        let stylesheet = assets.path("site.css")
        var context = APIReference(document: document).context
        context["stylesheet"] = stylesheet
        reference = Array(templates.render("api-docs", context).utf8)
        home = Array(templates.render("home", ["stylesheet": stylesheet, "version": version]).utf8)
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/docs") { _, _ in Self.page(reference) }
        router.get("/") { _, _ in Self.page(home) }
    }

    /// An HTML page with the pages' headers.
    static func page(_ bytes: [UInt8]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        PageHeadersMiddleware<BasicRequestContext>.apply(to: &headers)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
