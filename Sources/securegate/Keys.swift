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

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            guard let scope = APIKeyScope(rawValue: scope) else {
                throw ValidationError("--scope must be admin or checkin")
            }
            try await withKeyService(databaseOptions) { keys in
                let (record, token) = try await keys.issue(accountName: account, scope: scope)
                print("Created \(scope.rawValue) key \(record.id) for account \"\(account)\" (\(record.accountID)). It is shown only this once:")
                print(token.text)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every key (never their secrets).")

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            try await withKeyService(databaseOptions) { keys in
                print("KEY ID\tACCOUNT\tSCOPE\tCREATED\tREVOKED")
                let formatter = ISO8601DateFormatter()
                for key in try await keys.list() {
                    let revoked = key.revokedAt.map { formatter.string(from: $0) } ?? "-"
                    print("\(key.id)\t\(key.accountName)\t\(key.scope.rawValue)\t\(formatter.string(from: key.createdAt))\t\(revoked)")
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

/// Opens the store, runs `body` with a key service over it, and closes the store.
private func withKeyService(_ options: DatabaseOptions, _ body: (KeyService) async throws -> Void) async throws {
    let store = try await options.openStore(logger: makeLogger("securegate.keys"))
    let keys = KeyService(store: store, time: SystemTimeSource(), ids: RandomIDGenerator(), hasher: SHA256SecretHasher())
    do {
        try await body(keys)
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
}
