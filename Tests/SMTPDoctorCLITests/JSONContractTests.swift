import Foundation
import Testing

/// The JSON output is a contract: these tests pin its shape, field by field.
@Suite struct JSONContractTests {
    private func document(_ arguments: [String]) async throws -> [String: Any] {
        let output = try await CommandRunner.run(["diagnose", "--format", "json"] + arguments)
        #expect(output.status == 0)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    /// Every key path in a JSON value, with `[]` for array elements: the shape without the values.
    private func shape(_ value: Any, _ path: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set([path])) { $0.formUnion(shape($1.value, path + "." + $1.key)) }
        }
        if let array = value as? [Any] {
            return array.reduce(into: Set([path])) { $0.formUnion(shape($1, path + "[]")) }
        }
        return [path]
    }

    @Test func documentHasTheContractFields() async throws {
        let json = try await document(["--error", "535 5.7.8 Authentication credentials invalid"])
        let keys = shape(json)
        let required: Set<String> = [
            ".schemaVersion", ".tool.name", ".tool.version", ".tool.knowledgeBase.diagnoses",
            ".tool.knowledgeBase.rules", ".facts[].name", ".facts[].value", ".facts[].source", ".diagnoses[].id",
            ".diagnoses[].category", ".diagnoses[].title", ".diagnoses[].summary", ".diagnoses[].confidence",
            ".diagnoses[].evidence[].rule", ".diagnoses[].evidence[].because", ".diagnoses[].evidence[].cf",
            ".diagnoses[].remediation[].id", ".diagnoses[].remediation[].title", ".diagnoses[].remediation[].steps[]",
            ".checklist[].step", ".checklist[].remediation", ".checklist[].for[]",
        ]
        let missing = required.subtracting(keys)
        #expect(missing.isEmpty, "missing fields: \(missing.sorted())")
        #expect(json["schemaVersion"] as? Int == 1)
        #expect((json["tool"] as? [String: Any])?["name"] as? String == "smtp-doctor")
    }

    @Test func factValuesKeepTheirTypesAndSources() async throws {
        let json = try await document(["--error", "535 5.7.8 Authentication credentials invalid"])
        let facts = try #require(json["facts"] as? [[String: Any]])
        let code = try #require(facts.first { $0["name"] as? String == "reply.code" })
        #expect(code["value"] as? Int == 535)
        #expect(code["source"] as? String == "error-text")
        #expect(facts.contains { ($0["source"] as? String)?.hasPrefix("rule:") == true })
    }

    @Test func diagnosesAreRankedBestFirstWithConfidenceBetweenZeroAndOne() async throws {
        let json = try await document(["--error", "550 5.7.1 Unable to relay"])
        let diagnoses = try #require(json["diagnoses"] as? [[String: Any]])
        let confidences = diagnoses.compactMap { $0["confidence"] as? Double }
        #expect(!confidences.isEmpty)
        #expect(confidences == confidences.sorted(by: >))
        #expect(confidences.allSatisfy { (0...1).contains($0) })
    }

    @Test func checklistItemsNameDiagnosesThatAreInTheDocument() async throws {
        let json = try await document(["--error", "550 5.7.1 Unable to relay"])
        let ids = Set((json["diagnoses"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        let checklist = try #require(json["checklist"] as? [[String: Any]])
        #expect(!checklist.isEmpty)
        for item in checklist {
            let targets = item["for"] as? [String] ?? []
            #expect(!targets.isEmpty && Set(targets).isSubset(of: ids))
        }
    }
}
