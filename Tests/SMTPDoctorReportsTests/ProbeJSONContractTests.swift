import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
import SMTPDoctorReports
import Testing

/// The probe's JSON diagnoses have the shape of `diagnose --format json`'s: same keys, at every level.
@Suite struct ProbeJSONContractTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The keys of a diagnosis object, with the keys of the first entry of each of its lists as `list.key`
    /// (`evidence.because`, `remediation.steps`); nothing deeper, so that an empty list of commands counts the same.
    private func shape(_ diagnosis: [String: Any]) -> Set<String> {
        diagnosis.reduce(into: Set<String>()) { keys, entry in
            keys.insert(entry.key)
            if let first = (entry.value as? [[String: Any]])?.first {
                keys.formUnion(first.keys.map { "\(entry.key).\($0)" })
            }
        }
    }

    @Test func probeDiagnosesFollowTheDiagnoseContract() throws {
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        var report = ProbeReport(host: "mail.example.com", port: 587, requestedMode: .auto, mode: .auto)
        report.addresses = ["192.0.2.7:587"]
        report.connectFailure = .refused
        report.connectError = "connection refused"
        let result = engine.diagnose(Evidence(observations: [report.observation()]))
        let outcome = ProbeOutcome(
            report: report, explanation: ProbeExplanation(report: report, engine: engine), result: result)
        let probeJSON = try object(ProbeJSONRenderer(toolVersion: "t").render([outcome], exitCode: 10))
        let probe = try #require((probeJSON["probes"] as? [[String: Any]])?.first)
        let probeDiagnoses = try #require(probe["diagnoses"] as? [[String: Any]])
        try #require(!probeDiagnoses.isEmpty, "a refused connection has a diagnosis")
        #expect(probeDiagnoses.first?["id"] as? String == "connection.probe-port-refused")

        let diagnoseJSON = try object(
            try DiagnosisJSONRenderer(toolVersion: "t").render(
                engine.diagnose(Evidence(errors: ["535 5.7.8 Authentication credentials invalid"])),
                knowledgeBase: knowledgeBase))
        let diagnoseDiagnoses = try #require(diagnoseJSON["diagnoses"] as? [[String: Any]])
        let expected = shape(try #require(diagnoseDiagnoses.first))
        for key in ["category", "summary", "evidence", "remediation", "evidence.because", "remediation.steps"] {
            #expect(expected.contains(key), "the diagnose contract has \(key)")
        }
        for diagnosis in probeDiagnoses {
            #expect(shape(diagnosis) == expected, "probe diagnosis \(diagnosis["id"] ?? "?") differs in shape")
        }
        #expect(probe["verdict"] as? String == "connection-failed")
        let facts = try #require(probe["facts"] as? [[String: Any]])
        #expect(
            facts.contains {
                $0["name"] as? String == "network.error" && $0["source"] as? String == "rule:probe.connect-refused"
            },
            "the JSON facts include what the rules derived")
    }
}
