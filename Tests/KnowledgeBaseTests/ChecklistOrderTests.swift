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

    /// The same DNS failure written by Postfix, and answered by a Postfix relay and by an Exchange Server to PHPMailer:
    /// the step about Postfix's chroot follows the server that handles the mail, not the client library.
    @Test func postfixChrootStepFollowsTheServerNotTheClient() throws {
        let chroot = try #require(
            knowledgeBase.remediations["check-mail-server-resolver"]?.steps.first { $0.contains("chroot") })
        let postfixLog = result(
            "postfix/smtp[1402]: 7A8B9C0D1E: to=<sales@partner.example>, relay=none, delay=1800, status=deferred "
                + "(Host or domain name not found. Name service error for name=partner.example type=MX: Host not "
                + "found, try again)")
        let toPostfix = result(
            "SMTP Error: data not accepted. 451 4.4.0 DNS query failed (server greeting: 220 mail.example.com ESMTP "
                + "Postfix (Debian/GNU))")
        let toExchange = result(
            "SMTP Error: data not accepted. 451 4.4.0 DNS query failed (server greeting: 220 ex01.example.com "
                + "Microsoft ESMTP MAIL Service ready)")
        for phpMailer in [toPostfix, toExchange] {
            #expect(phpMailer.facts.contains { $0.name == "sender.software" && $0.value == .string("phpmailer") })
            #expect(phpMailer.checklist.contains { $0.remediationID == "check-mail-server-resolver" })
        }
        #expect(toPostfix.facts.contains { $0.name == "server.software" && $0.value == .string("postfix") })
        #expect(toPostfix.checklist.contains { $0.step == chroot })
        #expect(!toExchange.checklist.contains { $0.step == chroot })
        #expect(postfixLog.checklist.contains { $0.step == chroot })
    }

    /// The place to set the EHLO name is given for the system that sends: JavaMail's property for a JavaMail
    /// exception, Postfix's setting for a Postfix log line, and every place while the sender is unknown.
    @Test func heloNameStepsFollowTheSendingSystem() throws {
        let steps = try #require(knowledgeBase.remediations["set-valid-helo-hostname"]?.steps)
        let javaMailStep = try #require(steps.first { $0.hasPrefix("JavaMail:") })
        let postfixStep = try #require(steps.first { $0.hasPrefix("Postfix:") })
        let refusal = "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname"
        let javaMail = result("javax.mail.MessagingException: " + refusal)
        let postfixLog = result(
            "postfix/smtp[2210]: 4F1A2B3C4D: to=<ann@partner.example>, relay=mx.partner.example[192.0.2.7]:25, "
                + "delay=0.4, status=bounced (host mx.partner.example[192.0.2.7] said: \(refusal) (in reply to "
                + "MAIL FROM command))")
        let unknown = result(refusal)
        for known in [javaMail, postfixLog, unknown] {
            #expect(known.diagnoses.first?.definition.id == "protocol.invalid-helo-hostname")
        }
        #expect(javaMail.checklist.contains { $0.step == javaMailStep })
        #expect(!javaMail.checklist.contains { $0.step == postfixStep })
        #expect(postfixLog.checklist.contains { $0.step == postfixStep })
        #expect(!postfixLog.checklist.contains { $0.step == javaMailStep })
        #expect(unknown.checklist.contains { $0.step == javaMailStep })
        #expect(unknown.checklist.contains { $0.step == postfixStep })
    }

    /// Microsoft Defender's submission page is offered for a spam refusal while Microsoft 365 is possible, not when
    /// the refusal came from Google Workspace.
    @Test func defenderSubmissionFollowsTheProvider() throws {
        let defender = try #require(
            knowledgeBase.remediations["request-false-positive-review"]?.steps.first { $0.contains("Defender") })
        func checklist(provider: String?) -> [ChecklistItem] {
            InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
                Evidence(errors: ["554 5.7.1 Message rejected as spam"], provider: provider)
            ).checklist
        }
        #expect(checklist(provider: "microsoft-365").contains { $0.step == defender })
        #expect(checklist(provider: nil).contains { $0.step == defender })
        let google = checklist(provider: "google-workspace")
        #expect(google.contains { $0.remediationID == "request-false-positive-review" })
        #expect(!google.contains { $0.step == defender })
    }

    /// Scoping steps to one system never leaves the leading cause without a fix: for every example that ranks its
    /// diagnosis first, one of that diagnosis's own fixes keeps a step in the checklist. (Some of its fixes may be
    /// for other systems: the Exchange transport's DNS settings are no help for a Postfix log line.)
    @Test func scopesNeverHideEveryFixOfTheLeadingCause() {
        for diagnosis in knowledgeBase.diagnoses {
            for example in diagnosis.examples {
                guard let error = example.error else { continue }
                let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
                    Evidence(errors: [error], provider: example.provider, symptoms: example.symptoms))
                guard result.diagnoses.first?.definition.id == diagnosis.id else { continue }
                let shown = diagnosis.remediationIDs.contains { id in
                    result.checklist.contains { $0.remediationID == id }
                }
                #expect(shown, "\(diagnosis.id) (\(example.location)): every step of its fixes is hidden")
            }
        }
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
