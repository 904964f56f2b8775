extension Question {
    /// The answer a sentence in a person's own words gives, through the answers' vocabulary (`words:` of a choice
    /// answer, `yes-words:` and `no-words:` of a yes-no question, in `questions.yaml`).
    ///
    /// Each answer is scored by the longest of its words found in the lower-cased sentence; the answer with the
    /// longest wins. Two answers whose longest words are equally long leave the sentence unanswered, as does a
    /// sentence that uses no answer's words. A yes-no question also takes a sentence that starts with "yes," or
    /// "no,".
    ///
    /// - Parameter sentence: what the person typed, such as "I changed the password yesterday".
    /// - Returns: the answer, or `nil` when the sentence does not tell one answer.
    public func answer(inWords sentence: String) -> QuestionAnswer? {
        let lowered = sentence.lowercased()
        if kind == .yesNo, let leading = Self.leadingYesOrNo(lowered),
            let answer = answers.first(where: { $0.id == leading })
        {
            return answer
        }
        return reading(lowered)?.answer
    }

    /// The answer whose vocabulary a lower-cased sentence uses, with the length of the longest of its words found;
    /// `nil` when no answer's words occur or two answers' longest words are equally long.
    func reading(_ lowered: String) -> (answer: QuestionAnswer, length: Int)? {
        guard kind == .choice || kind == .yesNo else { return nil }
        var best: (answer: QuestionAnswer, length: Int)?
        var tied = false
        for answer in answers {
            let length = answer.words.filter { lowered.contains($0) }.map(\.count).max() ?? 0
            guard length > 0 else { continue }
            if length > best?.length ?? 0 {
                best = (answer, length)
                tied = false
            } else if length == best?.length {
                tied = true
            }
        }
        return tied ? nil : best
    }

    /// "yes" or "no" when the sentence starts with that word followed by a pause or its end ("no, never"), so that
    /// "no idea" is not read as no.
    private static func leadingYesOrNo(_ sentence: String) -> String? {
        for word in ["yes", "no"] where sentence.hasPrefix(word) {
            let rest = sentence.dropFirst(word.count)
            if rest.isEmpty || rest.first.map({ ",.;!-".contains($0) }) == true { return word }
        }
        return nil
    }
}
