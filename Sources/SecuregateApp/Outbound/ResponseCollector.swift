import NIOCore
import NIOHTTP1

/// Collects one HTTP response into a promise, failing it as soon as the body passes `maxBytes` (or, when it
/// `truncates`, keeping only that much of it). The promise is completed once: the close that follows an answer (or a failure) reports nothing more.
final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    struct TooLarge: Error {
        let limit: Int
    }

    struct ClosedEarly: Error {}

    private let promise: EventLoopPromise<FetchedResponse>
    private let maxBytes: Int
    private let truncates: Bool
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var completed = false

    init(promise: EventLoopPromise<FetchedResponse>, maxBytes: Int, truncates: Bool = false) {
        self.promise = promise
        self.maxBytes = maxBytes
        self.truncates = truncates
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            if !truncates, let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBytes {
                fail(TooLarge(limit: maxBytes), context: context)
            }
        case .body(var part):
            guard !completed else { return }
            guard body.readableBytes + part.readableBytes <= maxBytes else {
                if truncates {
                    var kept = part.readSlice(length: maxBytes - body.readableBytes) ?? ByteBuffer()
                    body.writeBuffer(&kept)
                } else {
                    fail(TooLarge(limit: maxBytes), context: context)
                }
                return
            }
            body.writeBuffer(&part)
        case .end:
            if let head, !completed {
                completed = true
                promise.succeed(FetchedResponse(head: head, body: body))
            }
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !completed {
            completed = true
            promise.fail(ClosedEarly())
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        if !completed {
            completed = true
            promise.fail(error)
        }
        context.close(promise: nil)
    }
}
