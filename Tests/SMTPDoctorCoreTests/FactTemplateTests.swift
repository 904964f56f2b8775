import SMTPDoctorCore
import Testing

/// The sentences rules set as text facts: placeholders, optional parts, and the loader's checks.
@Suite struct FactTemplateTests {
    private let facts = [
        Fact("config.host", .string("mail.example.com"), source: FactSource(.probe, "t")),
        Fact("config.port", .int(587), source: FactSource(.probe, "t")),
    ]

    @Test func placeholdersTakeTheFactsValues() throws {
        let template = try FactTemplate(parsing: "No TCP connection to {config.host}:{config.port}.")
        #expect(template.render(facts: facts) == "No TCP connection to mail.example.com:587.")
        #expect(template.factNames == ["config.host", "config.port"])
    }

    @Test func optionalPartIsLeftOutWhenItsFactIsUnknown() throws {
        let template = try FactTemplate(parsing: "Refused at {config.port}[: {probe.tcp.error}].")
        #expect(template.render(facts: facts) == "Refused at 587.")
        let known = facts + [Fact("probe.tcp.error", .string("connection refused"), source: FactSource(.probe, "t"))]
        #expect(template.render(facts: known) == "Refused at 587: connection refused.")
    }

    @Test func requiredPlaceholderOfAnUnknownFactSaysSo() throws {
        #expect(
            try FactTemplate(parsing: "Failed: {probe.tls.handshake-error}.").render(facts: facts) == "Failed: unknown."
        )
    }

    @Test(arguments: ["{config.host", "config.host}", "[{config.host}", "[[{config.host}]]", "[no fact]", "{}"])
    func malformedTemplatesAreRefused(_ text: String) {
        #expect(throws: FactTemplate.Problem.self) { try FactTemplate(parsing: text) }
    }

    @Test func loaderRefusesASentenceNamingAnUndeclaredFactAtItsLine() {
        let problems = TestKnowledge.problems([
            "rules/reasons.yaml": """
            - id: reason.refused
              if: { network.error: refused }
              then: { reply.text: "Refused by {remote.hots}." }
            - id: reason.unclosed
              if: { network.error: timeout }
              then: { reply.text: "Timed out [at {remote.host}." }
            """
        ])
        #expect(
            problems.contains { $0.contains("reasons.yaml:3") && $0.contains("'remote.hots', which is not declared") })
        #expect(problems.contains { $0.contains("reasons.yaml:6") && $0.contains("'[' is not closed") })
    }
}
