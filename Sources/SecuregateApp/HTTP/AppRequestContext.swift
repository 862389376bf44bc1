import Hummingbird
import NIOCore

/// The context of one request to the Securegate server.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's connection: its closing tells that the client has gone.
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Bodies are limited by the API handler itself (16 MiB, answered with the contract's 413).
    public var maxUploadSize: Int { APILimits.maxBodySize }
}
