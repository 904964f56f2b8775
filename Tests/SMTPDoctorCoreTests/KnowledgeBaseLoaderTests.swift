import Testing

@testable import SMTPDoctorCore

@Suite struct KnowledgeBaseLoaderTests {
    @Test func theSmallKnowledgeBaseLoads() throws {
        let knowledgeBase = try TestKnowledge.load()
        #expect(knowledgeBase.diagnoses.map(\.id) == ["auth.bad-password", "connection.refused", "server.transient"])
        #expect(knowledgeBase.providers.map(\.id) == ["acme"])
    }

    @Test func malformedYAMLNamesFileAndLine() {
        let broken = "- id: x\n  title: [unclosed\n  category: auth\n"
        let problems = TestKnowledge.problems(["diagnoses/broken.yaml": broken])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("Rules/diagnoses/broken.yaml:3: not valid YAML") == true)
    }

    @Test func unknownFactNamesFileAndLine() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(
            of: "if: { network.error: refused }", with: "if: { network.eror: refused }")
        let problems = TestKnowledge.problems(["diagnoses/all.yaml": diagnoses])
        #expect(problems == ["Rules/diagnoses/all.yaml:17: fact 'network.eror' is not declared in facts.yaml"])
    }

    @Test func valueOutsideAnEnumIsReported() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(
            of: "if: { network.error: refused }", with: "if: { network.error: refusd }")
        let problems = TestKnowledge.problems(["diagnoses/all.yaml": diagnoses])
        #expect(problems.count == 1)
        #expect(
            problems.first?.hasPrefix("Rules/diagnoses/all.yaml:17: 'refusd' is not a value of 'network.error'") == true
        )
    }

    @Test func danglingRemediationNamesFileAndLine() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(
            of: "remediation: [open-firewall]", with: "remediation: [open-the-firewall]")
        let problems = TestKnowledge.problems(["diagnoses/all.yaml": diagnoses])
        #expect(
            problems == [
                "Rules/diagnoses/all.yaml:19: diagnosis 'connection.refused': remediation 'open-the-firewall' is not defined"
            ])
    }

    @Test func badRegularExpressionNamesFileAndLine() {
        let rules =
            TestKnowledge.rules + """

                - id: broken-pattern
                  if: { error.text: { matches: "(unclosed" } }
                  then: { network.error: timeout }
                """
        let problems = TestKnowledge.problems(["rules/all.yaml": rules])
        #expect(problems == ["Rules/rules/all.yaml:11: regular expression '(unclosed' does not compile"])
    }

    @Test func duplicateIdInOneLayerIsReported() {
        let extra = """
            - id: wait
              title: Wait again
              steps: [Retry.]
            """
        let problems = TestKnowledge.problems(["remediations/more.yaml": extra])
        #expect(problems.count == 1)
        #expect(problems.first?.contains("duplicate remediation 'wait'") == true)
    }

    @Test func unknownCategoryAndTypoedKeysAreReported() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(of: "category: server", with: "category: servr")
            .replacingOccurrences(of: "title: Wrong password", with: "titel: Wrong password")
        let problems = TestKnowledge.problems(["diagnoses/all.yaml": diagnoses])
        #expect(problems.contains { $0.contains("unknown category 'servr'") })
        #expect(problems.contains { $0.contains("unknown key 'titel'") })
    }

    @Test func certaintyOutsideTheRangeIsReported() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(of: "cf: 0.8", with: "cf: 1.8")
        let problems = TestKnowledge.problems(["diagnoses/all.yaml": diagnoses])
        #expect(problems == ["Rules/diagnoses/all.yaml:18: cf must be a number from -1 to 1, not '1.8'"])
    }

    @Test func providerCodeNamingAMissingDiagnosisIsReported() {
        let provider = TestKnowledge.provider.replacingOccurrences(of: "auth.bad-password", with: "auth.nothing")
        let problems = TestKnowledge.problems(["providers/acme.yaml": provider])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("Rules/providers/acme.yaml:7: provider code 5.7.9 names diagnosis") == true)
    }

    @Test func aLaterLayerReplacesEntriesWithTheSameIdAndAddsNewOnes() throws {
        let team = RuleLayer(files: [
            RuleFile(
                relativePath: "remediations/team.yaml", displayPath: "team/remediations/team.yaml",
                text: """
                    - id: wait
                      title: Call the on-call engineer
                      effort: 1
                      steps: [Page the mail team.]
                    - id: page-network
                      title: Page the network team
                      effort: 1
                      steps: [Page the network team.]
                    """)
        ])
        let knowledgeBase = try KnowledgeBase.load([RuleLayer(files: TestKnowledge.files()), team])
        #expect(knowledgeBase.remediations["wait"]?.title == "Call the on-call engineer")
        #expect(knowledgeBase.remediations["page-network"] != nil)
        #expect(knowledgeBase.remediations["check-password"] != nil)
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let diagnoses = TestKnowledge.diagnoses.replacingOccurrences(of: "reply.code: 535 }", with: "reply.cod: 535 }")
            .replacingOccurrences(of: "[wait]", with: "[wiat]")
        #expect(TestKnowledge.problems(["diagnoses/all.yaml": diagnoses]).count == 3)
    }
}

@Suite struct RuleNodeTests {
    @Test func compactEncodingRoundTripsEveryKindOfNode() throws {
        let yaml = """
            - id: x
              list: [a, "b: c", "ünïcødé ✓"]
              nested: { k: "multi\\nline", n: 12 }
            - plain
            """
        let node = try #require(try RuleNode.parse(yaml: yaml))
        let decoded = try #require(RuleNode(compactEncoding: node.compactEncoding))
        #expect(decoded == node)
        #expect(decoded.line == 1)
    }

    @Test func damagedCompactEncodingIsRejectedNotTrusted() throws {
        let node = try #require(try RuleNode.parse(yaml: "a: [1, 2, 3]"))
        let encoding = node.compactEncoding
        #expect(RuleNode(compactEncoding: String(encoding.dropLast(2))) == nil)
        #expect(RuleNode(compactEncoding: encoding + "s1,1:x") == nil)
        #expect(RuleNode(compactEncoding: "z1,1:") == nil)
    }

    @Test func aCompiledFileLoadsLikeItsText() throws {
        let files = TestKnowledge.files().map { file in
            RuleFile(
                relativePath: file.relativePath, displayPath: file.displayPath, text: "",
                compiled: (try? RuleNode.parse(yaml: file.text))??.compactEncoding)
        }
        let knowledgeBase = try KnowledgeBase.load([RuleLayer(files: files, isVerified: true)])
        #expect(knowledgeBase.diagnoses.map(\.id) == ["auth.bad-password", "connection.refused", "server.transient"])
    }
}
