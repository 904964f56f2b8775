import SMTPDoctorCore

extension RuleLayer {
    /// The knowledge base compiled into the program from `Rules/`, so that a binary copied alone still diagnoses.
    ///
    /// It counts as verified: its regular expressions are compiled on first use. Loaded alone it is read from its
    /// image, the tables compiled and checked at build time; layered under other folders it is read from its files.
    /// `rules lint` checks it in full through `builtInUnverified`.
    public static let builtIn = RuleLayer(files: builtInUnverified.files, isVerified: true, image: DefaultRules.image)

    /// The built-in knowledge base, to be checked in full while loading.
    public static let builtInUnverified = RuleLayer(
        files: DefaultRules.files.map {
            RuleFile(relativePath: $0.path, displayPath: "Rules/\($0.path)", text: $0.text, compiled: $0.compiled)
        })
}
