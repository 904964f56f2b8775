import Foundation
import PackagePlugin

/// Embeds the Mustache templates of `Templates/` into the target as Swift source, rebuilt whenever one changes.
///
/// The target links to `Templates/` from its folder (see Package.swift), so that a new template is in the list of
/// inputs at the next build, as for `Rules/`.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTemplates.swift")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".mustache") }.sorted().map { templates.appending(path: $0) }
        return [
            .buildCommand(
                displayName: "Embedding the report templates from Templates/",
                executable: try context.tool(named: "TemplatesEmbedder").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
