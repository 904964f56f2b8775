import SMTPDoctorReports

/// The document a command writes with `--format markdown` or `html`, whose templates its `--template` help names.
protocol CommandDocuments {
    /// The templates of the document.
    static var template: DocumentTemplate { get }
}

/// The support document of `report`, `diagnose`, `interview` and `probe`.
enum SupportDocuments: CommandDocuments {
    static let template = DocumentTemplate.report
}

/// The document of `analyze`.
enum AnalysisDocuments: CommandDocuments {
    static let template = DocumentTemplate.analysis
}

/// The document of `check-domain`.
enum DomainCheckDocuments: CommandDocuments {
    static let template = DocumentTemplate.domainCheck
}
