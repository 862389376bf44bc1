import ArgumentParser
import Foundation
import SecuregateCore
import SecuregateStore

/// `securegate keys …`: API key administration.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key for an account (creating the account if needed); the key is printed once, on the last line."
        )

        @Option(help: "The account's name.")
        var account: String

        @Option(help: "admin (everything, the default) or checkin (a door device: scan, read the ledger, look up codes).")
        var scope: String = APIKeyScope.admin.rawValue

        @Option(help: "What the key is for, shown by `keys list` (\"door 3\", \"CRM sync\").")
        var label: String = ""

        @Option(help: "How long the key works, then stops by itself: 90d, 12h, 30m or seconds. Default: never expires.")
        var expiresIn: String?

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            guard let scope = APIKeyScope(rawValue: scope) else {
                throw ValidationError("--scope must be admin or checkin")
            }
            let lifetime = try expiresIn.map { text in
                guard let seconds = Self.seconds(text), seconds > 0 else {
                    throw ValidationError("--expires-in must be a positive duration such as 90d, 12h, 30m or 3600")
                }
                return seconds
            }
            try await withKeyService(databaseOptions) { keys in
                let (record, token) = try await keys.issue(accountName: account, scope: scope, label: label, lifetime: lifetime)
                let expiry = record.expiresAt.map { " It expires at \(ISO8601DateFormatter().string(from: $0))." } ?? ""
                print("Created \(scope.rawValue) key \(record.id) for account \"\(account)\" (\(record.accountID)).\(expiry) It is shown only this once:")
                print(token.text)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every key (never their secrets).")

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            try await withKeyService(databaseOptions) { keys in
                print("KEY ID\tACCOUNT\tSCOPE\tLABEL\tCREATED\tEXPIRES\tREVOKED\tWORKS")
                let formatter = ISO8601DateFormatter()
                let now = Date()
                for key in try await keys.list() {
                    let revoked = key.revokedAt.map { formatter.string(from: $0) } ?? "-"
                    let expires = key.expiresAt.map { formatter.string(from: $0) } ?? "never"
                    let label = key.label.isEmpty ? "-" : key.label
                    let works = key.isValid(at: now) ? "yes" : "no"
                    print("\(key.id)\t\(key.accountName)\t\(key.scope.rawValue)\t\(label)\t\(formatter.string(from: key.createdAt))\t\(expires)\t\(revoked)\t\(works)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working at once.")

        @Argument(help: "The key's id (key_…), as `keys list` shows it.")
        var keyID: String

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            try await withKeyService(databaseOptions) { keys in
                guard try await keys.revoke(keyID: keyID) else {
                    throw ValidationError("No key \(keyID)")
                }
                print("Revoked \(keyID)")
            }
        }
    }
}

extension Keys.Create {
    /// Seconds in `90d`, `12h`, `30m`, `45s` or a bare number of seconds; nil when it is none of these.
    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let last = text.last else { return nil }
        if let unit = units[last] { return Double(text.dropLast()).map { $0 * unit } }
        return Double(text)
    }
}

/// Opens the store, runs `body` with a key service over it, and closes the store.
private func withKeyService(_ options: DatabaseOptions, _ body: (KeyService) async throws -> Void) async throws {
    try await options.withStore(logger: makeLogger("securegate.keys")) { store in
        try await body(KeyService(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher()))
    }
}
