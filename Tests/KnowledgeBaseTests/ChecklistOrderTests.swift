import SMTPDoctorCore
import Testing

/// The checklist of the built-in knowledge starts with the fixes of the leading cause and leaves out steps written
/// for a system other than the one the error shows.
@Suite struct ChecklistOrderTests {
    let knowledgeBase: KnowledgeBase

    init() throws { knowledgeBase = try BuiltInKnowledge.loaded.get() }

    private func result(_ error: String) -> DiagnosisResult {
        InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(errors: [error]))
    }

    @Test func conditionalAccessRefusalStartsWithItsOwnFix() throws {
        let result = result(
            "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated "
                + "successfully. Contact your administrator.")
        let leading = try #require(result.diagnoses.first)
        #expect(leading.definition.id == "auth.conditional-access")
        let mainFix = try #require(leading.definition.remediationIDs.first)
        #expect(mainFix == "review-conditional-access")
        #expect(result.checklist.first?.remediationID == mainFix)
        let firstOther = result.checklist.firstIndex { $0.remediationID != mainFix } ?? result.checklist.count
        #expect(result.checklist[..<firstOther].count == knowledgeBase.remediations[mainFix]?.steps.count)
    }

    /// The same DNS failure from a Postfix log and from PHPMailer: the step about Postfix's chroot is shown only
    /// for the first.
    @Test func postfixStepIsLeftOutForAPHPMailerError() throws {
        let chroot = try #require(
            knowledgeBase.remediations["check-mail-server-resolver"]?.steps.first { $0.contains("chroot") })
        let postfix = result(
            "postfix/smtp[1402]: 7A8B9C0D1E: to=<sales@partner.example>, relay=none, delay=1800, status=deferred "
                + "(Host or domain name not found. Name service error for name=partner.example type=MX: Host not "
                + "found, try again)")
        let phpMailer = result("SMTP Error: data not accepted. 451 4.4.0 DNS query failed")
        #expect(phpMailer.facts.contains { $0.name == "sender.software" && $0.value == .string("phpmailer") })
        #expect(phpMailer.checklist.contains { $0.remediationID == "check-mail-server-resolver" })
        #expect(!phpMailer.checklist.contains { $0.step == chroot })
        #expect(postfix.checklist.contains { $0.step == chroot })
    }

    /// Every scoped step names a fact some rule or the parser can set, so that the scope can ever take effect.
    @Test func scopedStepsNameFactsThatRulesSet() {
        let written = Set(knowledgeBase.rules.flatMap { $0.assignments.map(\.fact.name) })
        for remediation in knowledgeBase.remediations.values {
            for (step, scope) in remediation.scopes {
                #expect(remediation.steps.contains(step))
                for fact in scope.values.keys where fact != "provider" {
                    #expect(written.contains(fact), "\(remediation.id): \(fact) is set by no rule")
                }
            }
        }
    }
}
