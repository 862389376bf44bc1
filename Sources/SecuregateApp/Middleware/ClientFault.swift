import Foundation
import NIOCore
import NIOHTTP1

/// Errors that a client causes, told apart from the server's own: they are answered (or, when the client is
/// gone, dropped) without an error-level log line or a 500.
enum ClientFault {
    /// The request's HTTP broke after its head (a malformed chunk): 400.
    case malformed
    /// The body stopped arriving for longer than the body-read timeout: 408.
    case bodyTimedOut
    /// The connection ended before the request did.
    case gone

    init?(_ error: any Error) {
        switch error {
        case HTTPParserError.invalidEOFState:
            self = .gone
        case is HTTPParserError:
            self = .malformed
        case is RequestBodyTimeout:
            self = .bodyTimedOut
        case ChannelError.ioOnClosedChannel, ChannelError.eof, ChannelError.outputClosed, ChannelError.inputClosed,
             is CancellationError:
            self = .gone
        case let error as IOError where [ECONNRESET, EPIPE, ECONNABORTED].contains(error.errnoCode):
            self = .gone
        default:
            return nil
        }
    }
}
