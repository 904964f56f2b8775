import Foundation
import Synchronization

/// The knowledge base's words taken one by one: which category a text's words belong to when no rule recognised
/// the text as a whole.
///
/// Every diagnosis lends its words to its category: its title, its examples and every phrase its evidence looks
/// for (the vocabulary's terms among them). A text that no phrase, pattern or code recognised may still be made of
/// those words in another order or another inflection — "le serveur sortant a interrompu la transmission" shares
/// "interrompu" and "transmission" with connection phrases — and the category whose words it shares most
/// distinctively is a hint worth showing, with the words it rests on. Each word counts by how much more often the
/// category's phrases use it than the others' do (naive Bayes over the presence of words), so words every category
/// uses ("error", "server", "mail") weigh almost nothing; the hint is given only when one category leads the next
/// clearly and at least two words point at it, and it is as weak as the class of a reply code alone.
///
/// Words are compared by their first seven letters, so that inflections meet ("authentification",
/// "authentifizierung"); runs of Chinese, Japanese or Korean characters, written without spaces, by each pair of
/// neighbouring characters.
public struct WordResemblance: Sendable {
    /// A category the words of a text point at.
    public struct Hint: Sendable, Equatable {
        /// The category id.
        public var category: String
        /// The words of the text that point at it, most telling first.
        public var words: [String]
    }

    /// How far ahead of the next category the leading one must be (in natural-log odds) to be named.
    static let minimumLead = 2.0
    /// How many of the text's words must point at the leading category: one word, however rare elsewhere, is not
    /// enough.
    static let minimumWords = 2
    /// The smoothing count that keeps a word unseen in a category from ruling it out.
    static let smoothing = 0.05
    /// The words shown as the reason for a hint.
    static let shownWords = 4

    private let categories: [String]
    /// How many phrases (titles, examples, evidence phrases) each category has.
    private let phraseCounts: [Double]
    /// For each word, how many of each category's phrases hold it.
    private let wordCounts: [String: [Double]]
    private let totalPhrases: Double

    /// Gathers the words of every diagnosis of the knowledge base.
    public init(knowledgeBase: KnowledgeBase) {
        var categories: [String] = []
        var categoryIndex: [String: Int] = [:]
        var phraseCounts: [Double] = []
        var wordCounts: [String: [Double]] = [:]
        for diagnosis in knowledgeBase.diagnoses {
            let category: Int
            if let known = categoryIndex[diagnosis.category] {
                category = known
            } else {
                category = categories.count
                categoryIndex[diagnosis.category] = category
                categories.append(diagnosis.category)
                phraseCounts.append(0)
                for key in wordCounts.keys { wordCounts[key]?.append(0) }
            }
            for phrase in Self.phrases(of: diagnosis) {
                let words = Set(Self.words(of: phrase).map(\.key))
                guard !words.isEmpty else { continue }
                phraseCounts[category] += 1
                for word in words {
                    wordCounts[word, default: Array(repeating: 0, count: categories.count)][category] += 1
                }
            }
        }
        self.categories = categories
        self.phraseCounts = phraseCounts
        self.wordCounts = wordCounts.mapValues { counts in
            counts + Array(repeating: 0, count: categories.count - counts.count)
        }
        totalPhrases = phraseCounts.reduce(0, +)
    }

    /// The category the text's words point at, or nil when they point nowhere clearly.
    public func hint(for text: String) -> Hint? {
        var seen: Set<String> = []
        let words = Self.words(of: text).filter { wordCounts[$0.key] != nil && seen.insert($0.key).inserted }
        guard !words.isEmpty, categories.count > 1 else { return nil }
        let scores = categories.indices.map { category in
            words.reduce(0.0) { $0 + weight(of: $1.key, for: category) }
        }
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
        let leader = ranked[0]
        guard scores[leader] > 0, scores[leader] - scores[ranked[1]] >= Self.minimumLead else { return nil }
        let telling = words.map { ($0.shown, weight(of: $0.key, for: leader)) }.filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
        guard telling.count >= Self.minimumWords else { return nil }
        return Hint(category: categories[leader], words: telling.prefix(Self.shownWords).map(\.0))
    }

    /// How much more often the category's phrases hold the word than the other categories' do, as log odds.
    private func weight(of word: String, for category: Int) -> Double {
        guard let counts = wordCounts[word] else { return 0 }
        let inCategory = counts[category]
        let elsewhere = counts.reduce(0, +) - inCategory
        let alpha = Self.smoothing
        let here = (inCategory + alpha) / (phraseCounts[category] + 2 * alpha)
        let there = (elsewhere + alpha) / (totalPhrases - phraseCounts[category] + 2 * alpha)
        return log(here / there)
    }

    /// The title, the examples and the phrases of the evidence that speaks for the diagnosis.
    private static func phrases(of diagnosis: DiagnosisDefinition) -> [String] {
        var phrases = [diagnosis.title] + diagnosis.examples.compactMap(\.error)
        for evidence in diagnosis.evidence where evidence.certainty > 0 {
            collectPhrases(of: evidence.condition, into: &phrases)
        }
        return phrases
    }

    /// The phrases of the `contains` tests that must hold for the condition to hold (none under a `not`).
    private static func collectPhrases(of condition: Condition, into phrases: inout [String]) {
        switch condition {
        case .test(_, .contains(let found, _)): phrases += found
        case .test: break
        case .all(let parts), .any(let parts): for part in parts { collectPhrases(of: part, into: &phrases) }
        case .not: break
        }
    }

    /// The words of a text: each word of three letters or more by its first seven letters, each run of Chinese,
    /// Japanese or Korean characters by its pairs of neighbouring characters; `shown` is the word as written.
    static func words(of text: String) -> [(key: String, shown: String)] {
        var words: [(key: String, shown: String)] = []
        var run: [Character] = []
        func finish() {
            defer { run.removeAll(keepingCapacity: true) }
            if run.contains(where: isCJK) {
                for (first, second) in zip(run, run.dropFirst()) where isCJK(first) && isCJK(second) {
                    let pair = String([first, second])
                    words.append((pair, pair))
                }
            } else if run.count >= 3 {
                words.append((String(run.prefix(7)), String(run)))
            }
        }
        for character in text.lowercased() {
            if character.isLetter { run.append(character) } else { finish() }
        }
        finish()
        return words
    }

    /// Whether the character is of a script written without spaces between words: kana, CJK ideographs, Hangul.
    private static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        return (0x3040...0x30FF).contains(scalar) || (0x3400...0x9FFF).contains(scalar)
            || (0xAC00...0xD7AF).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
    }
}

/// A knowledge base's `WordResemblance`, gathered the first time a text no rule recognised needs it: most runs
/// never do, and start-up does not pay for it.
final class WordResemblanceCache: Sendable {
    private let resemblance = Mutex<WordResemblance?>(nil)

    /// The words of `knowledgeBase`, which must be the knowledge base that holds this cache.
    func resemblance(of knowledgeBase: KnowledgeBase) -> WordResemblance {
        resemblance.withLock { cached in
            if let cached { return cached }
            let gathered = WordResemblance(knowledgeBase: knowledgeBase)
            cached = gathered
            return gathered
        }
    }
}
