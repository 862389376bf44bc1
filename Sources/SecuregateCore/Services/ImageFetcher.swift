import Foundation

/// Fetches a photo from a caller's URL: the rules on which URLs may be fetched live in the implementation.
public protocol ImageFetcher: Sendable {
    /// The bytes at `url`; throws `SecuregateError.imageFetchFailed` with the reason when refused or failed.
    func fetch(_ url: String) async throws -> Data
}
