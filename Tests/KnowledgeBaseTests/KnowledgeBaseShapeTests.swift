import SMTPDoctorCore
import Testing

/// What the built-in knowledge base must hold as a whole.
@Suite struct KnowledgeBaseShapeTests {
    @Test func builtInKnowledgeBaseLoadsWithoutProblems() {
        if case .failure(let invalid) = BuiltInKnowledge.loaded {
            Issue.record("the built-in knowledge base has problems:\n\(invalid)")
        }
    }

    @Test func atLeastNinetyDiagnosesOverEveryCategory() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        #expect(knowledgeBase.diagnoses.count >= 90)
        let used = Set(knowledgeBase.diagnoses.map(\.category))
        let empty = knowledgeBase.categories.map(\.id).filter { !used.contains($0) }
        #expect(empty.isEmpty, "categories without a diagnosis: \(empty)")
        #expect(knowledgeBase.categories.count == 18)
    }

    @Test func everyDiagnosisHasRemediationStepsAndSomethingThatRanksItFirst() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let fromCases = Set(KnowledgeCase.all.map(\.expect))
        for diagnosis in knowledgeBase.diagnoses {
            let steps = diagnosis.remediationIDs.compactMap { knowledgeBase.remediations[$0] }.flatMap(\.steps)
            #expect(!steps.isEmpty, "\(diagnosis.id) has no remediation steps")
            #expect(
                !diagnosis.examples.isEmpty || fromCases.contains(diagnosis.id),
                "\(diagnosis.id) has neither an example nor a case")
        }
    }

    @Test func everyDiagnosisIdStartsWithItsCategory() throws {
        for diagnosis in try BuiltInKnowledge.loaded.get().diagnoses {
            #expect(diagnosis.id.hasPrefix(diagnosis.category + "."), "\(diagnosis.id) is not in \(diagnosis.category)")
        }
    }

    @Test func theRegistriesAreComplete() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        for code in [
            "421", "450", "451", "452", "454", "500", "501", "502", "503", "504", "530", "534", "535", "538",
            "550", "551", "552", "553", "554", "555",
        ] {
            #expect(knowledgeBase.codes[code] != nil, "basic code \(code) is missing")
        }
        for subject in 0...7 { #expect(knowledgeBase.enhancedSubjects[String(subject)] != nil) }
        let enhanced = knowledgeBase.codes.keys.filter { $0.hasPrefix("X.") }
        #expect(enhanced.count >= 75)
        #expect(knowledgeBase.codes["X.7.30"] != nil)
    }

    @Test func requiredProvidersAreThere() throws {
        let ids = Set(try BuiltInKnowledge.loaded.get().providers.map(\.id))
        #expect(ids.isSuperset(of: ["microsoft-365", "exchange-server", "google-workspace"]))
    }
}
