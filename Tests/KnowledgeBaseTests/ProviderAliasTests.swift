import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

/// Providers are found by the names people type, and a near miss gets a suggestion.
@Suite struct ProviderAliasTests {
    @Test(arguments: [
        ("office365", "microsoft-365"), ("O365", "microsoft-365"), ("m365", "microsoft-365"),
        ("exchange-online", "microsoft-365"), ("gmail", "google-workspace"), ("Google", "google-workspace"),
        ("ses", "amazon-ses"), ("aws-ses", "amazon-ses"), ("hotmail", "outlook-com"), ("aol", "yahoo"),
        (" microsoft-365 ", "microsoft-365"),
    ])
    func aliasesFindTheirProvider(_ name: String, _ id: String) throws {
        #expect(try BuiltInKnowledge.loaded.get().provider(named: name)?.id == id)
    }

    @Test func everyAliasIsLowerCaseAndNamesOneProvider() throws {
        let providers = try BuiltInKnowledge.loaded.get().providers
        var owner: [String: String] = [:]
        for provider in providers { owner[provider.id] = provider.id }
        for provider in providers {
            for alias in provider.aliases {
                #expect(alias == alias.lowercased())
                #expect(owner[alias] == nil, "\(alias) names both \(owner[alias] ?? "") and \(provider.id)")
                owner[alias] = provider.id
            }
        }
        #expect(providers.filter { !$0.aliases.isEmpty }.count >= 5)
    }

    @Test(arguments: [
        ("offce365", "microsoft-365"), ("gmial", "google-workspace"), ("exchange online", "microsoft-365"),
        ("amazon-sse", "amazon-ses"), ("outlook", "outlook-com"), ("sendgird", "sendgrid"),
    ])
    func aNearMissSuggestsTheProvider(_ typed: String, _ id: String) throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        #expect(knowledgeBase.provider(named: typed) == nil)
        #expect(knowledgeBase.providerSuggestions(for: typed).first == id)
    }

    @Test func somethingUnrelatedSuggestsNothing() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        #expect(knowledgeBase.providerSuggestions(for: "fax-machine").isEmpty)
        #expect(knowledgeBase.providerSuggestions(for: "").isEmpty)
    }

    @Test func aDuplicateAliasIsAProblemWithItsLine() {
        let rules = """
            id: first
            name: First
            aliases: [shared]
            """
        let other = """
            id: second
            name: Second
            aliases: [shared, "two words"]
            """
        let result = Result { () throws(InvalidKnowledgeBase) in
            try KnowledgeBase.load([
                .builtIn,
                RuleLayer(files: [
                    RuleFile(relativePath: "providers/first.yaml", displayPath: "providers/first.yaml", text: rules),
                    RuleFile(relativePath: "providers/second.yaml", displayPath: "providers/second.yaml", text: other),
                ]),
            ])
        }
        guard case .failure(let invalid) = result else {
            Issue.record("a duplicate alias was accepted")
            return
        }
        let text = "\(invalid)"
        #expect(text.contains("alias 'shared' of provider second already names provider first"))
        #expect(text.contains("alias 'two words'"))
        #expect(text.contains("providers/second.yaml:3"))
    }
}
