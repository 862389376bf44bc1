import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Gives up on clients that are slow to send, never on our own answers.
///
/// - A connection must send a whole request head within `headTimeout`: from its start, and after the last
///   response while it is kept alive. Clients that trickle their headers cannot hold connections.
/// - A request body must keep arriving: at most `bodyTimeout` between two of its reads (as nginx's
///   `client_body_timeout`). When it stops, the request's body fails with `RequestBodyTimeout`, which is
///   answered 408, and the connection is closed after the answer.
/// - While a request is being served, and for a pipelined request read ahead of earlier answers, no deadline
///   is set, however long those answers take to compute or to send.
///
/// One timer per connection, moved later only when it fires: requests set and clear a deadline, which costs a
/// clock read, where scheduling and cancelling a timer for every request cost more than a hundredth of an
/// update's CPU. It is moved earlier at once, when a head's wait follows a body's longer one.
final class ReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What the connection is waiting for from its client.
    private enum Wait {
        case head
        case body
    }

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    /// When the awaited part must have arrived; nil while the client owes nothing (a request is being served).
    private var deadline: NIODeadline?
    private var waitingFor = Wait.head
    private var timer: Scheduled<Void>?
    /// When the timer fires.
    private var timerAt: NIODeadline?
    /// Requests whose head was read and whose response has not ended yet.
    private var unanswered = 0
    /// Whether the last request read still has body to come.
    private var readingBody = false

    init(headTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { expect(.head, context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        expect(.head, context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            readingBody = true
            awaitBodyIfServing(context)
        case .body:
            awaitBodyIfServing(context)
        case .end:
            readingBody = false
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered = max(unanswered - 1, 0)
            if unanswered == 0 {
                expect(.head, context)
            } else {
                // The next pipelined request is now the one served: its body, if it has one, must keep coming.
                awaitBodyIfServing(context)
            }
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        timerAt = nil
    }

    /// Waits for more of the body of the request being served. A pipelined request's body is not read while
    /// earlier requests are answered (back pressure), so it is not timed until its turn comes.
    private func awaitBodyIfServing(_ context: ChannelHandlerContext) {
        if readingBody && unanswered == 1 { expect(.body, context) } else { deadline = nil }
    }

    /// Starts the wait for the next request head or body part.
    private func expect(_ part: Wait, _ context: ChannelHandlerContext) {
        let deadline = NIODeadline.now() + (part == .head ? headTimeout : bodyTimeout)
        self.deadline = deadline
        waitingFor = part
        // The head and body timeouts differ, so a new deadline can come before the timer: move it then.
        if let timerAt, timerAt <= deadline { return }
        timer?.cancel()
        schedule(context, at: deadline)
    }

    private func schedule(_ context: ChannelHandlerContext, at when: NIODeadline) {
        timerAt = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            timerAt = nil
            // Nothing is owed: the next read or response sets a new deadline and a timer.
            guard let deadline else { return }
            guard deadline <= .now() else { return schedule(context, at: deadline) }
            self.deadline = nil
            switch waitingFor {
            case .head:
                context.close(promise: nil)
            case .body:
                // The handler reading the body answers 408; the connection closes after that answer, as its
                // request stream has ended.
                context.fireErrorCaught(RequestBodyTimeout())
            }
        }
    }
}

/// A request body stopped arriving for longer than the body-read timeout.
struct RequestBodyTimeout: Error {}
