import Synchronization

/// The evidence of one diagnosis of a knowledge-base image, decoded the first time it is read and kept.
///
/// A run weighs the evidence of the few diagnoses an observation brings into scope (see ``ScopeIndex``); decoding
/// every diagnosis's conditions at start cost about a quarter of a cold `diagnose`. The image is made by the build
/// from a knowledge base that passed every check, and its structure was checked when it was read.
final class ImageEvidence: Sendable {
    /// How many pieces of evidence the entry holds.
    let count: Int
    private let image: KnowledgeImage
    /// The image's regular expressions, which the conditions refer to by number.
    private let expressions: [RegularExpression]
    /// Where the entry starts in the image's body.
    private let start: Int
    private let rules = Mutex<[EvidenceRule]?>(nil)

    /// The entry of `count` pieces at `start` in the body of `image`, whose regular-expression table is `expressions`.
    init(image: KnowledgeImage, expressions: [RegularExpression], start: Int, count: Int) {
        self.image = image
        self.expressions = expressions
        self.start = start
        self.count = count
    }

    /// The pieces of evidence, decoded on the first call.
    var decoded: [EvidenceRule] {
        if let rules = rules.withLock({ $0 }) { return rules }
        var body = image.body
        let decoded = body.withUTF8 { bytes in
            var reader = KnowledgeImageReader(
                bytes: bytes, stringPages: image.stringPages, expressions: expressions, entryAt: start)
            let evidence = reader.evidence(count: count)
            precondition(!reader.failed, "the image's evidence at \(start) is damaged")
            return evidence
        }
        rules.withLock { $0 = decoded }
        return decoded
    }
}
