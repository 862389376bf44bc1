import Foundation
import PackagePlugin

/// Writes the build's commit and date into the target it is applied to (`BuildInfo.swift`), before every build,
/// for `GET /version` and `securegate --version`. The script rewrites the file only when the commit changes, so
/// an unchanged checkout recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = context.package.directoryURL.appending(path: "scripts/build-info")
        return [
            .prebuildCommand(
                displayName: "Stamping the build's commit and date",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.appending(path: "BuildInfo.swift").path],
                outputFilesDirectory: output
            ),
        ]
    }
}
