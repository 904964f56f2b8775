import SMTPDoctorCore
import Testing

/// The order of the checklist and the steps written for one system, on small knowledge bases.
@Suite struct ChecklistBuilderTests {
    /// A cause whose main fix is more work than its second one, and a fact that says what sends the mail.
    static let overrides = [
        "facts/sending.yaml": """
        sender.software: { type: enum, values: [postfix, phpmailer], doc: what sends }
        """,
        "rules/sending.yaml": """
        - id: sender.phpmailer
          if: { error.text: { contains: "phpmailer" } }
          then: { sender.software: phpmailer }
        """,
        "remediations/policy.yaml": """
        - id: review-policy
          title: Review the policy
          effort: 3
          steps: [Find the policy that blocked the login.]
        - id: flip-switch
          title: Flip the switch
          effort: 1
          steps:
            - Turn the switch on.
            - step: Reload Postfix.
              applies-to: { sender.software: postfix }
        """,
        "diagnoses/policy.yaml": """
        - id: auth.policy
          category: auth
          title: A policy blocks the login
          summary: A sign-in policy refused the login.
          evidence:
            - if: { error.text: { contains: "policy" } }
              cf: 0.9
          remediation: [review-policy, flip-switch]
        """,
    ]

    private func checklist(_ errors: String...) throws -> [ChecklistItem] {
        let knowledgeBase = try TestKnowledge.load(Self.overrides)
        return InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(errors: errors)).checklist
    }

    @Test func leadingDiagnosisMainFixComesFirstThoughItIsMoreWork() throws {
        let items = try checklist("the policy refused it")
        #expect(items.map(\.remediationID) == ["review-policy", "flip-switch", "flip-switch"])
    }

    @Test func otherCausesFixesFollowByLikelihoodOverEffort() throws {
        // auth.policy (0.9) leads; then check-password (0.8 / effort 1) before open-firewall (0.8 / effort 3).
        let items = try checklist(
            "the policy refused it", "Connection refused", "535 5.7.8 Authentication credentials invalid")
        #expect(
            items.map(\.remediationID) == [
                "review-policy", "flip-switch", "flip-switch", "check-password", "open-firewall",
            ])
    }

    @Test func stepForOneSystemIsShownWhileThatSystemIsPossible() throws {
        let items = try checklist("the policy refused it")
        #expect(items.map(\.step).contains("Reload Postfix."))
    }

    @Test func stepForOneSystemIsLeftOutWhenAnotherSystemSends() throws {
        let items = try checklist("phpmailer: the policy refused it")
        #expect(!items.map(\.step).contains("Reload Postfix."))
        #expect(items.map(\.step).contains("Turn the switch on."))
    }

    @Test func appliesToMustNameDeclaredFactsAndTheirValues() {
        var overrides = Self.overrides
        overrides["remediations/policy.yaml"] = """
            - id: flip-switch
              title: Flip the switch
              effort: 1
              applies-to: { sender.softwre: postfix }
              steps:
                - step: Reload Postfix.
                  applies-to: { sender.software: exim }
            """
        overrides["diagnoses/policy.yaml"] = nil
        let problems = TestKnowledge.problems(overrides)
        #expect(problems.contains { $0.contains("fact 'sender.softwre' is not declared") })
        #expect(problems.contains { $0.contains("'exim' is not a value of 'sender.software'") })
    }
}
