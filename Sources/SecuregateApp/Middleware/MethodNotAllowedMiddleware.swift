import HTTPTypes
import Hummingbird
import SecuregateAPI

/// Answers a request for a known path with a method it does not serve as FastAPI does: 405
/// `{"detail":"Method Not Allowed"}` with an `Allow` header naming the methods that path serves.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let route = routes.route(for: request.uri.path.split(separator: "/")),
                  !route.methods.contains(request.method.rawValue)
            else { throw error }
            return JSONResponse.detail(.methodNotAllowed, "Method Not Allowed", headers: [.allow: route.methods.joined(separator: ", ")])
        }
    }
}
