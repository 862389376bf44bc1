import HTTPTypes
import Hummingbird
import SecuregateAPI

/// Answers a request for a known path with a method it does not serve as FastAPI does: 405
/// `{"detail":"Method Not Allowed"}` with an `Allow` header naming the methods that path serves.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Each served path template, split into segments, with its methods.
    let routes: [(segments: [Substring], methods: [String])]

    init(operations: [OperationDescription], extraPaths: [String: [String]] = [:]) {
        var methodsByPath: [String: [String]] = extraPaths
        for operation in operations {
            methodsByPath[operation.path, default: []].append(operation.method)
        }
        routes = methodsByPath.map { path, methods in
            (path.split(separator: "/"), methods.sorted())
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            guard let route = routes.first(where: { Self.matches(segments, $0.segments) }),
                  !route.methods.contains(request.method.rawValue)
            else { throw error }
            return JSONResponse.detail(.methodNotAllowed, "Method Not Allowed", headers: [.allow: route.methods.joined(separator: ", ")])
        }
    }

    static func matches(_ path: [Substring], _ template: [Substring]) -> Bool {
        path.count == template.count && zip(path, template).allSatisfy { $1.hasPrefix("{") || $0 == $1 }
    }
}
