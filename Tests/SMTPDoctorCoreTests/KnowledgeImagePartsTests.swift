import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorCore

/// The parts of the built-in image that are read as slices of shared tables or decoded on first use, against the
/// same parts worked out from the files.
@Suite struct KnowledgeImagePartsTests {
    static let fromFiles: Result<KnowledgeBase, InvalidKnowledgeBase> = Result { () throws(InvalidKnowledgeBase) in
        try KnowledgeBase.load([.builtInUnverified])
    }

    @Test func theConditionScopesOfTheImageAreThoseOfTheFiles() throws {
        let fromImage = try #require(DefaultRules.image.flatMap { KnowledgeBase(image: $0) })
        let fromFiles = try Self.fromFiles.get()
        #expect(fromImage.scopes == fromFiles.scopes)
        #expect(fromImage.scopes.readers.contains { !$0.isEmpty }, "no fact is read by a rule")
        #expect(fromImage.scopes.evidence.contains { $0.startIndex > 0 }, "the evidence scopes share no table")
    }

    @Test func everyRemediationDecodedFromTheImageIsTheOneOfTheFiles() throws {
        let fromImage = try #require(DefaultRules.image.flatMap { KnowledgeBase(image: $0) })
        let fromFiles = try Self.fromFiles.get()
        #expect(fromImage.remediations.count == fromFiles.remediations.count)
        #expect(fromImage.remediations.keys.sorted() == fromFiles.remediations.keys.sorted())
        for id in fromFiles.remediations.keys.sorted() {
            #expect(fromImage.remediations[id] == fromFiles.remediations[id], "\(id)")
            #expect(fromImage.remediations[id] == fromFiles.remediations[id], "\(id), looked up again")
        }
        #expect(fromImage.remediations["no-such-remediation"] == nil)
    }
}
