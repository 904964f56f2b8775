import SMTPDoctorCore

/// The interview's question choice, built on the first interview request: its answer model takes a while to
/// compute, and a server that is never asked for an interview should not start slower for it.
actor InterviewChooserCache {
    private let knowledgeBase: KnowledgeBase
    private var built: QuestionChooser?

    /// A cache over `knowledgeBase`, holding `built` already when it is given.
    init(knowledgeBase: KnowledgeBase, built: QuestionChooser? = nil) {
        self.knowledgeBase = knowledgeBase
        self.built = built
    }

    /// The chooser, built once.
    var chooser: QuestionChooser {
        if let built { return built }
        let engine = InferenceEngine(knowledgeBase: knowledgeBase, weighingSources: true)
        let chooser = QuestionChooser(model: AnswerModel(engine: engine))
        built = chooser
        return chooser
    }
}
