import Foundation
import PackagePlugin

/// Embeds the YAML files of `Rules/` into the target as Swift source, rebuilt whenever one of them changes.
///
/// The package manager asks for the commands again only when it plans the build again, which it does when the files
/// in a target's folder change; the target links to `Rules/` from its folder (see Package.swift), so that a new,
/// removed or renamed rule file is in the list of inputs at the next build.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultRules.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the knowledge base from Rules/",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [rules.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output])
        ]
    }
}
