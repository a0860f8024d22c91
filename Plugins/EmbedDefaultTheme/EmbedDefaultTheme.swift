import Foundation
import PackagePlugin

/// Compiles the package's `Templates/` folder into the target as `DefaultTheme.files`, so
/// that `lantern new site` can write the default theme wherever the binary runs, while the
/// repository keeps one copy of the theme.
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
        var inputs: [URL] = [theme]
        if let walker = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Embedding the default theme from Templates",
                executable: try context.tool(named: "embed-theme").url,
                arguments: [theme.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
