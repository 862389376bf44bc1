import HTTPTypes
import Hummingbird

extension PageTemplates {
    /// An HTML answer of `bytes`.
    static func html(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The page `name` rendered with `context`, the stylesheet's address added.
    func render(_ name: String, _ context: [String: Any], assets: PageAssets) -> [UInt8] {
        var context = context
        context["stylesheet"] = assets.path("site.css")
        return Array(render(name, context).utf8)
    }

    /// The page `name` rendered with `context`, as an HTML answer.
    func page(_ status: HTTPResponse.Status, _ name: String, _ context: [String: Any], assets: PageAssets) -> Response {
        Self.html(status, render(name, context, assets: assets))
    }
}
