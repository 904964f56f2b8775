import SMTPDoctorCore
import Testing

/// Facts of the knowledge base that were wrong on review, each checked so that the mistake cannot come back.
@Suite struct KnowledgeCorrectionsTests {
    let knowledgeBase: KnowledgeBase

    init() throws { knowledgeBase = try BuiltInKnowledge.loaded.get() }

    /// Every text a user reads as advice: remediation titles, steps and labels, provider descriptions, settings,
    /// limits and code meanings, diagnosis summaries, the registries' meanings, and the rule and fact documentation an
    /// explanation quotes.
    var adviceTexts: [(place: String, text: String)] {
        var texts: [(String, String)] = []
        for remediation in knowledgeBase.remediations.values {
            let variants = remediation.providerSteps.values
            let steps = remediation.steps + variants.flatMap(\.steps)
            let commands = remediation.commands + variants.flatMap(\.commands)
            texts += ([remediation.title] + steps + commands.flatMap { [$0.label, $0.run] }).map {
                (remediation.id, $0)
            }
        }
        for provider in knowledgeBase.providers {
            texts +=
                ([provider.doc] + provider.settings.flatMap { [$0.host, $0.notes ?? ""] }
                + provider.limits.map { "\($0.name): \($0.value)" } + provider.codes.map(\.meaning)).map {
                    (provider.id, $0)
                }
        }
        texts += knowledgeBase.diagnoses.map { ($0.id, $0.summary) }
        texts += knowledgeBase.codes.values.map { ($0.code, $0.meaning) }
        texts += knowledgeBase.rules.map { ($0.id, $0.doc) }
        texts += knowledgeBase.facts.map { ($0.name, $0.doc) }
        return texts
    }

    private func limit(_ provider: String, _ name: String) -> String? {
        knowledgeBase.provider(id: provider)?.limits.first { $0.name.contains(name) }?.value
    }

    @Test func exchangeServerDefaultsAreMicrosofts() {
        #expect(limit("exchange-server", "Send connector maximum message size") == "25 MB")
        #expect(limit("exchange-server", "MaxRecipientEnvelopeLimit") == "500")
    }

    @Test func googleDomainWideDelegationPathIsCurrent() {
        let mentions = adviceTexts.filter {
            $0.text.localizedCaseInsensitiveContains("wide delegation") && $0.text.contains(">")
        }
        #expect(!mentions.isEmpty)
        for mention in mentions {
            #expect(
                mention.text.contains(
                    "Security > Access and data control > API controls > Manage Domain Wide Delegation"),
                "\(mention.place): \(mention.text)")
        }
    }

    @Test func noSourceDocumentOrLabNameInAdvice() {
        for word in [
            "cloudmonkeys", "cloudfield", "IdentityCenter", "seed document", "lab fix", "company.com", "domain.com",
        ] {
            for hit in adviceTexts where hit.text.localizedCaseInsensitiveContains(word) {
                Issue.record("\(hit.place) names '\(word)': \(hit.text)")
            }
        }
    }

    @Test func outlookComIsOAuthOnly() throws {
        let outlook = try #require(knowledgeBase.provider(id: "outlook-com"))
        #expect(outlook.settings.allSatisfy { $0.auth == ["oauth2"] })
        let appPasswordSteps = try #require(knowledgeBase.remediations["use-app-password"]).providerSteps["outlook-com"]
        #expect(appPasswordSteps?.steps.allSatisfy { $0.contains("Not for Outlook.com") } == true)
    }

    @Test func exchangeOnlineBasicAuthenticationTimelineAndAppPasswords() throws {
        let microsoft = try #require(knowledgeBase.provider(id: "microsoft-365"))
        let notes = microsoft.settings.compactMap(\.notes).joined(separator: " ")
        #expect(notes.contains("December 2026") && notes.contains("2027"))
        #expect(notes.contains("per-user (legacy) MFA"))
        #expect(!notes.contains("With MFA, an app password is needed"))
        #expect(!notes.contains("SMTP.SendAsApp or Mail.Send"))
    }

    @Test func code500IsTLSOnAPlainPortNotPlainOnATLSPort() throws {
        for code in ["500", "X.5.2"] {
            let meaning = try #require(knowledgeBase.codes[code]).meaning
            #expect(meaning.contains("ClientHello"), "\(code): \(meaning)")
            #expect(meaning.contains("465") && meaning.localizedCaseInsensitiveContains("time"), "\(code): \(meaning)")
        }
    }

    @Test func bareLinefeedsAreTheDestinationsMissingChunking() throws {
        let code = try #require(knowledgeBase.provider(id: "microsoft-365")?.codes.first { $0.code == "5.6.11" })
        #expect(code.meaning.contains("BDAT"))
        let fix = try #require(knowledgeBase.remediations["fix-bare-linefeeds"])
        #expect(
            fix.providerSteps["exchange-server"]?.commands.contains { $0.run.contains("-BareLinefeedRejectionEnabled") }
                == true)
    }

    @Test func googleCodesOutsideGooglesReferenceAreGone() throws {
        let google = try #require(knowledgeBase.provider(id: "google-workspace"))
        for code in ["4.7.40", "5.7.40", "4.7.31", "5.7.31"] {
            #expect(!google.codes.contains { $0.code == code }, "\(code) is not in Google's SMTP error reference")
        }
        #expect(google.codes.contains { $0.code == "5.7.4" && $0.reply == 504 })
    }

    @Test func recipientHourlyLimitsBounce() throws {
        let steps = try #require(knowledgeBase.remediations["slow-mail-to-single-recipient"]).steps.joined(
            separator: " ")
        #expect(steps.contains("5.2.121") && steps.contains("are permanent") && steps.contains("sent again later"))
    }

    @Test func the5730EvidenceNeedsMicrosoftOrItsWording() throws {
        let requireTLS = try BuiltInKnowledge.firstDiagnosis(
            error: "550 5.7.30 REQUIRETLS support required to forward this message", provider: nil, symptoms: [])
        #expect(requireTLS?.definition.id != "auth.basic-auth-disabled")
        let google = try BuiltInKnowledge.firstDiagnosis(
            error: "550 5.7.30 DKIM check did not pass", provider: "google-workspace", symptoms: [])
        #expect(google?.definition.id != "auth.basic-auth-disabled")
        let microsoft = try BuiltInKnowledge.firstDiagnosis(
            error: "550 5.7.30 Basic authentication is not supported for Client Submission.", provider: nil,
            symptoms: [])
        #expect(microsoft?.definition.id == "auth.basic-auth-disabled")
    }

    @Test func smallerMicrosoftFacts() throws {
        let microsoft = try #require(knowledgeBase.provider(id: "microsoft-365"))
        let smtpAuthOff = microsoft.codes.filter { $0.code == "5.7.139" && $0.diagnosisID == "auth.smtp-auth-disabled" }
        #expect(smtpAuthOff.contains { $0.meaning.contains("for the Mailbox") })
        let texts = adviceTexts.map(\.text)
        #expect(!texts.contains { $0.contains("delist@microsoft.com") })
        #expect(texts.contains { $0.contains("delist@messaging.microsoft.com") })
    }
}
