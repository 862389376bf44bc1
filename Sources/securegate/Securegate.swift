import ArgumentParser
import SecuregateBuildInfo

/// The `securegate` command: the server and its administration.
@main
struct Securegate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "securegate",
        abstract: "A self-hostable server for the Securegate.ai API.",
        version: "\(securegateVersion) (\(BuildInfo.commit), built \(BuildInfo.date))",
        subcommands: [Serve.self, Keys.self, Backup.self, Restore.self, Stats.self],
        defaultSubcommand: Serve.self
    )
}
