import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Gives the server's answer to an unparsable request (a head too large, too many header fields, broken
/// HTTP) the contract's shape: HummingbirdCore writes a bare 400 and closes the connection; this handler adds
/// `{"detail":"Invalid HTTP request"}` as its body.
final class MalformedRequestBodyHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let body = #"{"detail":"Invalid HTTP request"}"#
    private var pendingBody: ByteBuffer?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where Self.isParseErrorResponse(head):
            let body = context.channel.allocator.buffer(string: Self.body)
            head.headerFields[.contentType] = "application/json"
            head.headerFields[.contentLength] = String(body.readableBytes)
            pendingBody = body
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where pendingBody != nil:
            context.write(wrapOutboundOut(.body(pendingBody!)), promise: nil)
            pendingBody = nil
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    /// The server's own parse-error answer: a 400 that closes, with no body and no content type. Every
    /// response of the application has a content type.
    static func isParseErrorResponse(_ head: HTTPResponse) -> Bool {
        head.status == .badRequest && head.headerFields[.contentType] == nil
            && head.headerFields[.contentLength] == "0" && head.headerFields[.connection] == "close"
    }
}
