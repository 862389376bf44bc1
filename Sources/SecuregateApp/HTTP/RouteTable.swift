import SecuregateAPI

/// The server's path templates, matched against a request's path without the router: to answer a wrong
/// method with 405, and to log a path without the credentials some paths carry.
struct RouteTable: Sendable {
    struct Route: Sendable {
        let segments: [Substring]
        let methods: [String]
        /// How many segments are literal, not parameters: the more, the better a match.
        let literals: Int

        init(segments: [Substring], methods: [String]) {
            self.segments = segments
            self.methods = methods
            self.literals = segments.count(where: { !$0.hasPrefix("{") })
        }
    }

    let routes: [Route]

    init(operations: [OperationDescription], extraPaths: [String: [String]] = [:]) {
        var methodsByPath: [String: [String]] = extraPaths
        for operation in operations {
            methodsByPath[operation.path, default: []].append(operation.method)
        }
        routes = methodsByPath.map { path, methods in Route(segments: path.split(separator: "/"), methods: methods.sorted()) }
    }

    /// The template that `path` matches, the one with the most literal segments when several do. Runs for
    /// every request's log line, so it allocates nothing beyond the caller's segments.
    func route(for segments: [Substring]) -> Route? {
        var best: Route?
        for route in routes where route.segments.count == segments.count && route.literals > (best?.literals ?? -1) {
            if zip(segments, route.segments).allSatisfy({ $1.hasPrefix("{") || $0 == $1 }) { best = route }
        }
        return best
    }

    /// `path` as a log line may show it. A parameter named `…_id` is an identifier and is kept; any other
    /// parameter (a session code, a token) is written as its name, so that a new route whose parameter is a
    /// credential cannot leak it by forgetting to say so. A path that matches no route keeps its first segment.
    func loggedPath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard let route = route(for: segments.filter { !$0.isEmpty }), !segments.contains(where: \.isEmpty) else {
            guard let first = segments.first else { return path }
            return segments.count > 1 ? "/\(first)/…" : "/\(first)"
        }
        let shown = zip(segments, route.segments).map { value, template in
            template.hasPrefix("{") && !template.hasSuffix("_id}") ? template : value
        }
        return "/" + shown.joined(separator: "/")
    }
}
