import SMTPDoctorCore
import Testing

/// `KnowledgeBase.problem(with:)`: the check the engine makes of every fact the program's own code sets.
@Suite struct FactCheckTests {
    private func problem(_ name: String, _ value: FactValue) throws -> String? {
        try TestKnowledge.load().problem(with: Fact(name, value, source: FactSource(.probe)))
    }

    @Test func declaredFactsWithFittingValuesPass() throws {
        #expect(try problem("reply.code", .int(535)) == nil)
        #expect(try problem("error.text", .string("anything at all")) == nil)
        #expect(try problem("network.error", .string("Refused")) == nil, "enum values compare ignoring case")
    }

    @Test func undeclaredNameIsAProblem() throws {
        #expect(try problem("network.eror", .string("refused")) == "undeclared fact 'network.eror'")
    }

    @Test func undeclaredEnumValueIsAProblem() throws {
        #expect(try problem("network.error", .string("refusd")) == "'refusd' is not a value of 'network.error'")
    }

    @Test func valueOfTheWrongTypeIsAProblem() throws {
        #expect(try problem("reply.code", .string("535"))?.contains("not of type int") == true)
    }
}
