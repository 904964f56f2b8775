import Foundation
import SMTPDoctorCore
import Testing
import Yams

/// The cases of `Tests/KnowledgeBaseTests/Cases/probe.yaml`: probe facts and the diagnosis they must rank first.
@Suite struct ProbeKnowledgeCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var facts: [String: String]
        var expect: String
        var testDescription: String { expect }
    }

    static let cases: [Case] = {
        let path = ProbeHarness.repository.appendingPathComponent("Tests/KnowledgeBaseTests/Cases/probe.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let entries = (try? Yams.load(yaml: text)) as? [[String: Any]]
        else { return [] }
        return entries.compactMap { entry in
            guard let facts = entry["facts"] as? [String: Any], let expect = entry["expect"] as? String else {
                return nil
            }
            return Case(facts: facts.mapValues { "\($0)" }, expect: expect)
        }
    }()

    @Test func caseFileIsNotEmpty() { #expect(Self.cases.count >= 10) }

    @Test(arguments: cases)
    func probeFactsRankTheExpectedDiagnosisFirst(_ testCase: Case) throws {
        let knowledgeBase = try ProbeHarness.knowledgeBase.get()
        let facts = testCase.facts.map { name, text -> Fact in
            let value: FactValue
            if let number = Int(text) {
                value = .int(number)
            } else if text == "true" || text == "false" {
                value = .bool(text == "true")
            } else {
                value = .string(text)
            }
            return Fact(name, value, source: FactSource(.probe))
        }
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(observations: [Observation(facts: facts)]))
        #expect(
            result.diagnoses.first?.definition.id == testCase.expect,
            "\(result.diagnoses.prefix(3).map { "\($0.definition.id) \($0.confidence)" })")
    }
}
