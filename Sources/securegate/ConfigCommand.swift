import ArgumentParser
import Foundation

/// `securegate config check FILE`: whether a configuration file would start the server.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check configuration files.", subcommands: [Check.self]
    )

    /// Checks each setting of a file as `serve` would read it.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report the unknown settings and bad values of a configuration file, each with its line; exit 1 when there is one."
        )

        @Argument(help: "The YAML file (the format of --config).")
        var file: String

        func run() throws {
            let config: ConfigFile
            do {
                config = try ConfigFile(path: file)
            } catch let error as ConfigFileError {
                print(error.description)
                throw ExitCode(1)
            }
            var problems: [String] = []
            for entry in config.entries {
                do {
                    _ = try Serve.parse(entry.arguments)
                } catch {
                    // The parser's words, about settings rather than options.
                    let message = Serve.message(for: error).replacingOccurrences(of: "Unknown option '--\(entry.key)'", with: "unknown setting")
                        .replacingOccurrences(of: "'--", with: "'")
                    problems.append(ConfigFileError(path: file, line: entry.line, message: "\(entry.key): \(message)").description)
                }
            }
            guard problems.isEmpty else {
                problems.forEach { print($0) }
                throw ExitCode(1)
            }
            print("\(file): \(config.entries.count) settings, all valid")
        }
    }
}
