import Foundation
import SMTPDoctorCore
import SMTPDoctorReports

/// `analyze` for the page and the API: one uploaded log or bounce file, read from a private temporary file.
struct AnalyzeOperation: Sendable {
    let knowledgeBase: KnowledgeBase
    let toolVersion: String
    /// Groups, domains and relays listed, as `analyze --top`.
    static let top = 10

    /// Analyses the file at `path`.
    func run(path: String) -> LogAnalysis {
        LogAnalyzer(engine: InferenceEngine(knowledgeBase: knowledgeBase)).run([path])
    }

    /// The command line's text summary.
    func text(_ analysis: LogAnalysis) -> String {
        AnalysisTextRenderer(top: Self.top).render(analysis)
    }

    /// The command line's JSON document.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded.
    func json(_ analysis: LogAnalysis) throws(RenderError) -> String {
        try AnalysisJSONRenderer(toolVersion: toolVersion, top: Self.top).render(analysis, knowledgeBase: knowledgeBase)
    }

    /// The document the HTML and Markdown downloads are rendered from.
    func document(_ analysis: LogAnalysis) -> AnalysisDocument {
        AnalysisDocument(
            analysis: analysis, environment: .current(toolVersion: toolVersion, knowledgeBase: knowledgeBase),
            top: Self.top)
    }
}
