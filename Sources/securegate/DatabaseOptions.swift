import ArgumentParser
import Foundation
import Logging
import SecuregateApp
import SecuregateCore
import SecuregateStore

/// The `--database` option shared by every command that opens the store.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The database: sqlite:PATH[?synchronous=full] or postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME. Default: $SECUREGATE_DATABASE, else sqlite:securegate.db.")
    var database: String?

    /// The database URL from the option, the environment, or the default.
    func url() throws -> DatabaseURL {
        guard let text = try Setting.value(database, "SECUREGATE_DATABASE") else {
            return .defaultURL
        }
        do {
            return try DatabaseURL(parsing: text)
        } catch {
            throw ValidationError("Unsupported database URL \(text.debugDescription): expected sqlite:PATH or postgres://USER@HOST/DBNAME")
        }
    }

    /// Opens the store (applying any pending migrations).
    func openStore(logger: Logger) async throws -> SQLStore {
        try await SQLStore.open(try url(), logger: logger)
    }

    /// Opens the store, runs `body` with it, and closes it, whether `body` throws or not.
    func withStore<T>(logger: Logger, _ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await openStore(logger: logger)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// The logger every command writes with: standard error, level from `LOG_LEVEL` (default info), format from
/// `format`, else `SECUREGATE_LOG_FORMAT` (`text`, the default, or `json`).
func makeLogger(_ label: String, format: LineLogHandler.Format? = nil) -> Logger {
    let format = format ?? ProcessInfo.processInfo.environment["SECUREGATE_LOG_FORMAT"].flatMap(LineLogHandler.Format.init) ?? .text
    var logger = Logger(label: label) { LineLogHandler(label: $0, format: format) }
    logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
    return logger
}

/// `--log-format text|json`, checked by the argument parser (and so by `config check`).
extension LineLogHandler.Format: ExpressibleByArgument {}
