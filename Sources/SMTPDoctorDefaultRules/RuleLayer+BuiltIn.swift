import SMTPDoctorCore

extension RuleLayer {
    /// The knowledge base compiled into the program from `Rules/`, so that a binary copied alone still diagnoses.
    public static let builtIn = RuleLayer(
        files: DefaultRules.files.map { RuleFile(relativePath: $0.path, displayPath: "Rules/\($0.path)", text: $0.text) })
}
