import ArgumentParser
import Foundation
import SecuregateBuildInfo

/// The `securegate` command: the server and its administration.
@main
struct Securegate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "securegate",
        abstract: "A self-hostable server for the Securegate.ai API.",
        version: "\(securegateVersion) (\(BuildInfo.commit), built \(BuildInfo.date))",
        subcommands: [Serve.self, Keys.self, Backup.self, Restore.self, Stats.self, ConfigCommand.self],
        defaultSubcommand: Serve.self
    )

    /// Parses the command line with the settings of `serve`'s configuration file added, then runs the command.
    static func main() async {
        do {
            let arguments = try ConfigFile.expand(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as ConfigFileError {
            exit(withError: ValidationError(error.description))
        } catch {
            exit(withError: error)
        }
    }
}
