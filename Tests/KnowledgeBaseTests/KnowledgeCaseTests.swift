import SMTPDoctorCore
import Testing

/// The table-driven knowledge suite: every case file row and every diagnosis example must rank its diagnosis first.
@Suite struct KnowledgeCaseTests {
    @Test(arguments: KnowledgeCase.all)
    func caseRanksItsDiagnosisFirst(_ row: KnowledgeCase) throws {
        let first = try BuiltInKnowledge.firstDiagnosis(
            error: row.error, provider: row.provider, symptoms: row.symptoms, facts: row.facts)
        #expect(
            first?.definition.id == row.expect, "\(row.error ?? "") ranked \(first?.definition.id ?? "nothing") first")
        #expect(first?.definition.category == row.category)
    }

    @Test(arguments: DiagnosisExampleRow.all)
    func exampleRanksItsDiagnosisFirst(_ row: DiagnosisExampleRow) throws {
        let first = try BuiltInKnowledge.firstDiagnosis(
            error: row.example.error, provider: row.example.provider, symptoms: row.example.symptoms)
        #expect(first?.definition.id == row.diagnosisID, "ranked \(first?.definition.id ?? "nothing") first")
    }

    @Test func thereAreAtLeastTwoHundredCases() {
        #expect(KnowledgeCase.all.count >= 200)
    }

    @Test func casesCoverEveryCategory() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let covered = Set(KnowledgeCase.all.map(\.category))
        let missing = knowledgeBase.categories.map(\.id).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "categories without a case: \(missing)")
    }
}

/// A diagnosis example, named for test output.
struct DiagnosisExampleRow: Sendable, CustomTestStringConvertible {
    var diagnosisID: String
    var example: DiagnosisExample

    var testDescription: String { "\(example.location) → \(diagnosisID)" }

    static let all: [DiagnosisExampleRow] = {
        guard let knowledgeBase = try? BuiltInKnowledge.loaded.get() else { return [] }
        return knowledgeBase.diagnoses.flatMap { diagnosis in
            diagnosis.examples.map { DiagnosisExampleRow(diagnosisID: diagnosis.id, example: $0) }
        }
    }()
}
