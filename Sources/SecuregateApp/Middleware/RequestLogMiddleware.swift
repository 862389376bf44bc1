import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Logs every request once, with its outcome and duration, and returns its id in `x-request-id`.
/// Errors no handler expected are logged at error level and answered with a 500 that reveals nothing.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Tells which parts of a path may be logged.
    let routes: RouteTable
    /// Whose `X-Forwarded-For` names the client.
    var proxies = TrustedProxies.none

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = JSONResponse.detail(.notFound, "Not Found")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            response = JSONResponse.detail(.contentTooLarge, "Request body too large")
        } catch let error as HTTPError {
            response = JSONResponse.detail(error.status, error.status.reasonPhrase)
        } catch {
            switch ClientFault(error) {
            case .malformed:
                // Broken HTTP in the body (a chunk size that is not hex): the client's fault, in the contract's shape.
                // The rest of the connection's bytes cannot be trusted: it closes after the answer.
                response = JSONResponse.detail(.badRequest, "Invalid HTTP request", headers: [.connection: "close"])
            case .bodyTimedOut:
                response = JSONResponse.detail(.requestTimeout, "Request body timed out", headers: [.connection: "close"])
            case .gone:
                // Nobody is left to answer; not an error of ours, and anyone could fill the error log this way.
                context.logger.debug("Client went away", metadata: ["method": "\(request.method.rawValue)", "error": "\(error)"])
                throw error
            case nil:
                context.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: error))"])
                response = JSONResponse.detail(.internalServerError, "Internal Server Error")
            }
        }
        response.headers[.requestID] = context.id
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "Request",
            metadata: [
                "method": "\(request.method.rawValue)",
                // The path only (query strings can carry emails), without the credentials some paths carry.
                "path": "\(routes.loggedPath(request.uri.path))",
                "status": "\(response.status.code)",
                "ms": "\(String(format: "%.2f", milliseconds))",
                "client": "\(proxies.client(peer: context.channel.remoteAddress, forwardedFor: request.headers[values: .xForwardedFor]))",
            ]
        )
        return response
    }
}
