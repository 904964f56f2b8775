import SMTPDoctorCore
import Testing

@testable import SMTPDoctorReports

/// The provider's meaning of a code replaces the registry's where the provider's entry applies to the error.
@Suite struct ShownCodeMeaningTests {
    static func result(provider: String?) throws -> DiagnosisResult {
        let knowledgeBase = try SupportReportRendererTests.knowledgeBase.get()
        return InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(errors: ["535 5.7.3 Authentication unsuccessful"], provider: provider))
    }

    @Test func theProvidersMeaningIsShownWhenTheProviderIsKnown() throws {
        let shown = try #require(
            ShownCodeMeaning.all(in: try Self.result(provider: "microsoft-365")).first {
                $0.code == "5.7.3"
            })
        #expect(shown.providerID == "microsoft-365")
        #expect(shown.meaning.contains("Authentication unsuccessful"))
        let text = DiagnosisTextRenderer().render(
            try Self.result(provider: "microsoft-365"),
            knowledgeBase: try SupportReportRendererTests.knowledgeBase.get())
        #expect(!text.contains("Security conversion"))
    }

    @Test func anEntryWhosePhraseDoesNotMatchLeavesTheRegistrysMeaning() throws {
        let knowledgeBase = try SupportReportRendererTests.knowledgeBase.get()
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(errors: ["550 5.7.1 Message rejected by a transport rule"], provider: "microsoft-365"))
        let shown = try #require(ShownCodeMeaning.all(in: result).first { $0.code == "5.7.1" })
        #expect(shown.providerID == nil)
        #expect(!shown.meaning.contains("will not relay"))
    }

    @Test func theRegistrysMeaningIsShownOtherwise() throws {
        let shown = try #require(ShownCodeMeaning.all(in: try Self.result(provider: nil)).first { $0.code == "5.7.3" })
        #expect(shown.providerID == nil)
        #expect(shown.title.localizedCaseInsensitiveContains("security conversion"))
    }
}
