import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

/// The image of the built-in knowledge base, which the program starts from, against the YAML it was made from.
@Suite struct KnowledgeBaseImageTests {
    /// The built-in files loaded and checked in full, as `rules lint` does, without their image.
    static let fromFiles: Result<KnowledgeBase, InvalidKnowledgeBase> = Result { () throws(InvalidKnowledgeBase) in
        try KnowledgeBase.load([.builtInUnverified])
    }

    @Test func theBuiltInImageIsTheImageOfTheCurrentFiles() throws {
        let image = try #require(DefaultRules.image, "the build wrote no image: the knowledge base has problems")
        #expect(try Self.fromFiles.get().image == image)
    }

    @Test func readingAnImageGivesTheSameImageBack() throws {
        let image = try #require(DefaultRules.image)
        let knowledgeBase = try #require(KnowledgeBase(image: image))
        #expect(knowledgeBase.image == image)
        #expect(knowledgeBase.diagnoses.count == (try Self.fromFiles.get().diagnoses.count))
    }

    @Test func everyExampleGetsTheSameDiagnosesFromTheImageAsFromTheFiles() throws {
        let fromFiles = InferenceEngine(knowledgeBase: try Self.fromFiles.get())
        let fromImage = InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn]))
        let examples = try Self.fromFiles.get().diagnoses.flatMap(\.examples).filter { $0.error != nil }
        #expect(examples.count > 100)
        for example in examples {
            let evidence = Evidence(
                errors: example.error.map { [$0] } ?? [], provider: example.provider, symptoms: example.symptoms)
            let expected = fromFiles.diagnose(evidence).diagnoses.map { "\($0.definition.id) \($0.confidence)" }
            let actual = fromImage.diagnose(evidence).diagnoses.map { "\($0.definition.id) \($0.confidence)" }
            #expect(actual == expected, "\(example.location)")
        }
    }

    @Test func theStringsComeInFullPagesButTheLast() throws {
        let pages = try #require(DefaultRules.image).stringPages
        #expect(pages.count > 1)
        #expect(pages.dropLast().allSatisfy { $0.count == KnowledgeImage.pageSize })
        #expect((1...KnowledgeImage.pageSize).contains(pages.last?.count ?? 0))
    }

    @Test func aDamagedImageIsRefusedNotRead() throws {
        let image = try #require(DefaultRules.image)
        let body = image.body
        let withBody = { (body: String) in KnowledgeImage(stringPages: image.stringPages, body: body) }
        for fraction in stride(from: 0.0, to: 1.0, by: 0.05) {
            let cut = String(body.utf8.prefix(Int(Double(body.utf8.count) * fraction))) ?? ""
            #expect(KnowledgeBase(image: withBody(cut)) == nil, "image cut at \(fraction)")
        }
        let otherVersion = "smtp-doctor-knowledge-image-0," + body.drop { $0 != "," }.dropFirst()
        #expect(KnowledgeBase(image: withBody(otherVersion)) == nil)
        #expect(KnowledgeBase(image: withBody(body + "0,")) == nil)
        let fewerPages = Array(image.stringPages.dropLast(image.stringPages.count / 2))
        #expect(KnowledgeBase(image: KnowledgeImage(stringPages: fewerPages, body: body)) == nil)
    }

    @Test func aLayerOverTheBuiltInBaseIsCheckedInFull() throws {
        let bad = RuleFile(
            relativePath: "rules/extra.yaml", displayPath: "extra/rules/extra.yaml",
            text:
                "- id: extra.rule\n  if: { error.text: { matches: \"(unclosed\" } }\n  then: { smtp-test.result: success }\n"
        )
        #expect(throws: InvalidKnowledgeBase.self) { try KnowledgeBase.load([.builtIn, RuleLayer(files: [bad])]) }
    }
}

/// Fields added to the knowledge base after the image format was first written: each must survive the image.
@Suite struct KnowledgeBaseImageFieldTests {
    @Test func everyDiagnosisKeepsItsPrior() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        #expect(fromFiles.diagnoses.contains { $0.prior != 1 }, "the built-in priors set no weight")
        #expect(fromImage.diagnoses.map(\.prior) == fromFiles.diagnoses.map(\.prior))
    }

    @Test func everyProviderKeepsItsDKIMSelectors() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        #expect(fromFiles.providers.contains { !$0.dkimSelectors.isEmpty })
        #expect(fromImage.providers.map(\.dkimSelectors) == fromFiles.providers.map(\.dkimSelectors))
    }

    @Test func everyAnswerKeepsItsWords() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        let words = { (knowledgeBase: KnowledgeBase) in knowledgeBase.questions.map { $0.answers.map(\.words) } }
        #expect(words(fromFiles).joined().contains { !$0.isEmpty }, "no built-in answer has words")
        #expect(words(fromImage) == words(fromFiles))
    }

    @Test func theStagePhrasesSurviveTheImage() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        #expect(fromFiles.stagePhrases.contains { $0.stage == "rcpt-to" }, "the built-in base has no stage phrases")
        #expect(fromImage.stagePhrases == fromFiles.stagePhrases)
    }

    @Test func theGenericCodesSurviveTheImage() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        let generic = { (knowledgeBase: KnowledgeBase) in
            Set(knowledgeBase.codes.values.filter(\.generic).map(\.code))
        }
        #expect(generic(fromFiles).contains("X.7.0"), "the built-in registry marks no generic code")
        #expect(!generic(fromFiles).contains("X.7.1"))
        #expect(generic(fromImage) == generic(fromFiles))
    }

    @Test func theSourceWeightsSurviveTheImage() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        #expect((fromFiles.sourceWeights[.probe] ?? 1) < 1, "the built-in base does not weigh probes")
        #expect(fromImage.sourceWeights == fromFiles.sourceWeights)
    }

    @Test func theQuestionLookupsSurviveTheImage() throws {
        let fromFiles = try KnowledgeBaseImageTests.fromFiles.get()
        let fromImage = try KnowledgeBase.load([.builtIn])
        let lookups = { (knowledgeBase: KnowledgeBase) in
            knowledgeBase.questions.compactMap { question in question.lookup.map { "\(question.id)=\($0.rawValue)" } }
        }
        #expect(lookups(fromFiles).contains("domain-records=domain-dns"), "no built-in question has a lookup")
        #expect(lookups(fromImage) == lookups(fromFiles))
    }
}
