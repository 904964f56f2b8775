/// The version of smtp-doctor, shown by `--version` and written into machine-readable output.
enum ToolVersion {
    static let current = "0.1.0"
}
