import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not send a whole request head in time: at its start, and after each
/// response while it is kept alive. Stops clients that trickle their headers from holding connections.
///
/// One timer per connection, moved only when it fires: requests set and clear a deadline, which costs a
/// clock read, where scheduling and cancelling a timer for every request cost more than a hundredth of an
/// update's CPU.
final class HeaderReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    /// When the awaited request head must have arrived; nil while a request is being served.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { awaitHead(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        awaitHead(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { deadline = nil }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { awaitHead(context) }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    /// Starts the wait for the next request head.
    private func awaitHead(_ context: ChannelHandlerContext) {
        let deadline = NIODeadline.now() + timeout
        self.deadline = deadline
        if timer == nil { schedule(context, at: deadline) }
    }

    private func schedule(_ context: ChannelHandlerContext, at when: NIODeadline) {
        let channel = context.channel
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            // A request is being served: the next response sets a new deadline and a timer.
            guard let deadline else { return }
            if deadline <= .now() {
                channel.close(promise: nil)
            } else {
                schedule(context, at: deadline)
            }
        }
    }
}
