import SMTPDoctorCore
import SMTPDoctorProbes
import Testing

/// The probe's vocabulary of fact names and values against the declarations in `Rules/facts*.yaml`: a renamed or
/// misspelt fact or value fails here, not silently in the engine.
@Suite struct ProbeFactVocabularyTests {
    private func knowledgeBase() throws -> KnowledgeBase { try ProbeHarness.knowledgeBase.get() }

    @Test func everyProbeFactNameIsDeclared() throws {
        let knowledgeBase = try knowledgeBase()
        let declared = Set(knowledgeBase.facts.map(\.name))
        let undeclared = ProbeFactName.allCases.filter { !declared.contains($0.rawValue) }
        #expect(undeclared.isEmpty, "declare in Rules/facts/probe.yaml: \(undeclared.map(\.rawValue))")
    }

    /// Every value the probe's Swift enums can put into an `enum` fact is one the declaration lists.
    @Test func everyEnumValueIsDeclared() throws {
        let knowledgeBase = try knowledgeBase()
        let stops: [SessionStop] = [
            .rejected(.greeting, SMTPReply(code: 554, lines: ["no"])), .startTLSNotOffered, .authNotOffered,
            .mechanismNotOffered, .plaintextAuthRefused, .timeout(.greeting), .closed(.ehlo),
            .protocolError(.greeting, .tlsData), .tlsFailed(.untrusted),
        ]
        let values: [(ProbeFactName, [String])] = [
            (.verdict, ProbeVerdict.allCases.map(\.rawValue)),
            (.failedStep, ProbeStepKind.allCases.map(\.rawValue)),
            (.resolve, ResolveFailure.allCases.map(\.rawValue)),
            (.tcp, ConnectFailure.allCases.map(\.rawValue)),
            (.modeMismatch, ModeMismatch.allCases.map(\.rawValue)),
            (.tls, TLSProblem.allCases.map(\.rawValue)),
            (.auth, AuthOutcome.allCases.map(\.rawValue)),
            (.authMechanism, AuthMechanism.allCases.map { $0.rawValue.lowercased() }),
            (.tlsMode, TLSMode.allCases.map(\.rawValue)),
            (.configTLSMode, TLSMode.allCases.filter { $0 != .auto }.map(\.rawValue)),
            (.stop, stops.map(\.kind)),
            (.smtpStage, ProbeStepKind.allCases.compactMap(\.smtpStage)),
        ]
        for (name, list) in values {
            for value in list {
                let fact = Fact(name.rawValue, .string(value), source: FactSource(.probe))
                #expect(knowledgeBase.problem(with: fact) == nil, "\(knowledgeBase.problem(with: fact) ?? "")")
            }
        }
    }
}
