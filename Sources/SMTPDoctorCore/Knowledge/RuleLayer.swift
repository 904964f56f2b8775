import Foundation

/// One folder of knowledge-base files. Layers are stacked: a later one adds entries and replaces same-id ones.
public struct RuleLayer: Sendable, Hashable {
    /// The files of the layer.
    public var files: [RuleFile]
    /// Whether the layer was checked when it was built, so that its regular expressions need not be compiled
    /// while loading (the built-in knowledge base).
    public var isVerified: Bool
    /// The layer compiled at build time (`KnowledgeBase.image`), used when the layer is loaded alone.
    public var image: KnowledgeImage?

    /// Creates a layer from files already in memory, and the image of the same files where there is one.
    public init(files: [RuleFile], isVerified: Bool = false, image: KnowledgeImage? = nil) {
        self.files = files
        self.isVerified = isVerified
        self.image = image
    }

    /// Reads every `.yaml` and `.yml` file below a folder.
    ///
    /// - Parameter directory: the folder, such as `Rules` or `./team-rules`.
    /// - Throws: `RuleProblem` when the folder or a file in it cannot be read (see `RuleFileReader`).
    public init(directory: String) throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleProblem(SourceLocation(file: directory, line: 0), "no such folder")
        }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw RuleProblem(SourceLocation(file: directory, line: 0), "the folder cannot be read")
        }
        var files: [RuleFile] = []
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let display = (directory as NSString).appendingPathComponent(relative)
            let text = try RuleFileReader.text(at: url.path, display: display)
            files.append(RuleFile(relativePath: relative, displayPath: display, text: text))
        }
        self.files = files.sorted { $0.relativePath < $1.relativePath }
        self.isVerified = false
        self.image = nil
    }
}
