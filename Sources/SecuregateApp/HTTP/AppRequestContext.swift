import Hummingbird

/// The context of one request to the Securegate server.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are limited by the API handler itself (16 MiB, answered with the contract's 413).
    public var maxUploadSize: Int { APILimits.maxBodySize }
}
