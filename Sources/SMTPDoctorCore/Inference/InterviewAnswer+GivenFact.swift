extension InterviewAnswer {
    /// An answer given as a fact rather than to a question, as an answers file may give it (`provider: zoho`): it
    /// counts like an answer and reports show it under the fact's name.
    ///
    /// - Returns: `nil` when the knowledge base declares no such fact.
    public init?(fact name: String, value: FactValue, knowledgeBase: KnowledgeBase) {
        guard let index = knowledgeBase.factIndex[name] else { return nil }
        self.init(
            questionID: name,
            answer: QuestionAnswer(
                id: value.description, label: value.description,
                facts: [(FactReference(name: name, index: index), value)], errorText: nil))
    }
}
