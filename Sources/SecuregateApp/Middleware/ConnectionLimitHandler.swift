import Foundation
import NIOCore
import NIOHTTPTypes

/// Closes a connection at once when the server already serves `limit` others, so that a flood of connections
/// cannot take every file descriptor and the memory each one holds.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// The connections open now, shared by every connection's handler.
    final class Count: @unchecked Sendable {
        // Guards `open`.
        private let lock = NSLock()
        private var open = 0

        /// Counts one more connection unless `limit` are open; whether it was counted.
        func enter(limit: Int) -> Bool {
            lock.withLock {
                guard limit <= 0 || open < limit else { return false }
                open += 1
                return true
            }
        }

        func leave() {
            lock.withLock { open -= 1 }
        }
    }

    private let count: Count
    private let limit: Int
    private var counted = false

    init(count: Count, limit: Int) {
        self.count = count
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = count.enter(limit: limit)
        if !counted { context.close(promise: nil) }
    }

    private func release() {
        guard counted else { return }
        counted = false
        count.leave()
    }
}
