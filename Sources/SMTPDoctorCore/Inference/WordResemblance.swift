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
    private let totalPhrases: Double
    /// Each word's number in `counts`.
    private let wordNumbers: [String: Int]
    /// For word `w` and category `c`, how many of the category's phrases hold the word: `counts[w * categories.count
    /// + c]`.
    private let counts: [Double]

    /// Gathers the words of every diagnosis of the knowledge base.
    public init(knowledgeBase: KnowledgeBase) {
        var categories: [String] = []
        var categoryNumbers: [String: Int] = [:]
        for diagnosis in knowledgeBase.diagnoses where categoryNumbers[diagnosis.category] == nil {
            categoryNumbers[diagnosis.category] = categories.count
            categories.append(diagnosis.category)
        }
        var phraseCounts = [Double](repeating: 0, count: categories.count)
        var wordNumbers: [String: Int] = [:]
        var counts: [Double] = []
        // The phrase that last counted each word, so that a word counts once per phrase.
        var countedIn: [Int] = []
        var phraseNumber = 0
        for diagnosis in knowledgeBase.diagnoses {
            guard let category = categoryNumbers[diagnosis.category] else { continue }
            for phrase in Self.phrases(of: diagnosis) {
                phraseNumber += 1
                var holdsWords = false
                Self.forEachWord(in: phrase) { key, _ in
                    holdsWords = true
                    let word = String(key)
                    let number: Int
                    if let known = wordNumbers[word] {
                        number = known
                    } else {
                        number = wordNumbers.count
                        wordNumbers[word] = number
                        counts += repeatElement(0, count: categories.count)
                        countedIn.append(0)
                    }
                    guard countedIn[number] != phraseNumber else { return }
                    countedIn[number] = phraseNumber
                    counts[number * categories.count + category] += 1
                }
                if holdsWords { phraseCounts[category] += 1 }
            }
        }
        self.categories = categories
        self.phraseCounts = phraseCounts
        totalPhrases = phraseCounts.reduce(0, +)
        self.wordNumbers = wordNumbers
        self.counts = counts
    }

    /// The category the text's words point at, or nil when they point nowhere clearly.
    public func hint(for text: String) -> Hint? {
        var seen: Set<Int> = []
        let words = Self.words(of: text).compactMap { word -> (number: Int, shown: String)? in
            guard let number = wordNumbers[word.key], seen.insert(number).inserted else { return nil }
            return (number, word.shown)
        }
        guard !words.isEmpty, categories.count > 1 else { return nil }
        let scores = categories.indices.map { category in
            words.reduce(0.0) { $0 + weight(of: $1.number, for: category) }
        }
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
        let leader = ranked[0]
        guard scores[leader] > 0, scores[leader] - scores[ranked[1]] >= Self.minimumLead else { return nil }
        let telling = words.map { ($0.shown, weight(of: $0.number, for: leader)) }.filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
        guard telling.count >= Self.minimumWords else { return nil }
        return Hint(category: categories[leader], words: telling.prefix(Self.shownWords).map(\.0))
    }

    /// How much more often the category's phrases hold the word than the other categories' do, as log odds.
    private func weight(of word: Int, for category: Int) -> Double {
        let row = counts[(word * categories.count)..<((word + 1) * categories.count)]
        let inCategory = row[row.startIndex + category]
        let elsewhere = row.reduce(0, +) - inCategory
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
    /// Japanese or Korean characters by its pairs of neighbouring characters; `shown` is the word as written. A
    /// letter is an alphabetic scalar or a mark on one (the accent of a decomposed "é").
    static func words(of text: String) -> [(key: String, shown: String)] {
        var words: [(key: String, shown: String)] = []
        forEachWord(in: text) { words.append((String($0), String($1))) }
        return words
    }

    /// Calls `body` with each word of the text as `words(of:)` finds them: its key and the word as written.
    private static func forEachWord(
        in text: String, _ body: (Substring.UnicodeScalarView, Substring.UnicodeScalarView) -> Void
    ) {
        let scalars = ASCIIText.lowercased(text).unicodeScalars
        // The run of letters being read: where it starts, where its seventh letter ends, how long it is.
        var start: String.Index?
        var stemEnd = scalars.startIndex
        var length = 0
        var hasCJK = false
        func finish(at end: String.Index) {
            guard let runStart = start else { return }
            start = nil
            if hasCJK {
                var first = runStart
                var second = scalars.index(after: first)
                while second < end {
                    let after = scalars.index(after: second)
                    if isCJK(scalars[first]), isCJK(scalars[second]) {
                        body(scalars[first..<after], scalars[first..<after])
                    }
                    (first, second) = (second, after)
                }
            } else if length >= 3 {
                body(scalars[runStart..<(length > 7 ? stemEnd : end)], scalars[runStart..<end])
            }
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if isLetter(scalar) {
                if start == nil { (start, length, hasCJK) = (index, 0, false) }
                length += 1
                if length == 7 { stemEnd = next }
                if isCJK(scalar) { hasCJK = true }
            } else {
                finish(at: index)
            }
            index = next
        }
        finish(at: scalars.endIndex)
    }

    /// Whether the scalar belongs to a word: a lower-case ASCII letter (the text is lower-cased first), or past
    /// ASCII an alphabetic scalar or a mark.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (0x61...0x7A).contains(scalar.value) }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Whether the scalar is of a script written without spaces between words: kana, CJK ideographs, Hangul.
    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x3040...0x30FF).contains(value) || (0x3400...0x9FFF).contains(value)
            || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value)
    }
}

/// A knowledge base's `WordResemblance`, gathered the first time a text no rule recognised needs it: most runs
/// never do, and start-up does not pay for it.
final class WordResemblanceCache: Sendable {
    private let resemblance = Mutex<WordResemblance?>(nil)

    /// The words of `knowledgeBase`, the knowledge base that holds this cache (`KnowledgeBase.wordResemblance`).
    func resemblance(of knowledgeBase: KnowledgeBase) -> WordResemblance {
        resemblance.withLock { cached in
            if let cached { return cached }
            let gathered = WordResemblance(knowledgeBase: knowledgeBase)
            cached = gathered
            return gathered
        }
    }
}
