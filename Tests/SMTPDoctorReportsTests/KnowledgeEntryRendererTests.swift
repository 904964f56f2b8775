import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorReports
import Testing

@Suite struct KnowledgeEntryRendererTests {
    static let knowledgeBase = Result { try KnowledgeBase.load([.builtIn]) }

    @Test func aDiagnosisShowsItsTitleEvidenceRemediationsAndWhereItIsDefined() throws {
        let knowledgeBase = try Self.knowledgeBase.get()
        let diagnosis = try #require(knowledgeBase.diagnoses.first)
        let text = try #require(KnowledgeEntryRenderer(knowledgeBase: knowledgeBase).render(diagnosis.id))
        #expect(text.hasPrefix("\(diagnosis.id)  [\(diagnosis.category)]\n\(diagnosis.title)\n"))
        #expect(text.contains("\nEvidence:\n"))
        #expect(text.contains("Remediation: \(diagnosis.remediationIDs.joined(separator: ", "))"))
        #expect(text.hasSuffix("Defined at \(diagnosis.location)\n"))
    }

    @Test func aCodeShowsItsMeaning() throws {
        let text = try #require(KnowledgeEntryRenderer(knowledgeBase: try Self.knowledgeBase.get()).render("5.7.8"))
        #expect(text.hasPrefix("X.7.8: Authentication credentials invalid\n"))
    }

    @Test func anUnknownIDHasNoEntry() throws {
        #expect(KnowledgeEntryRenderer(knowledgeBase: try Self.knowledgeBase.get()).render("no.such-entry") == nil)
    }
}
