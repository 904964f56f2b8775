/// A check the terminal interview can run instead of asking a question's answer of the person, when the person types
/// what the check needs (`lookup:` in `questions.yaml`).
///
/// The question stays answerable as it is; the lookup only spares the person the work when the program can look the
/// answer up itself, as the live probes do for the server question.
public enum QuestionLookup: String, Sendable, CaseIterable {
    /// The person may type the sending domain, or an address at it, instead of an answer: the interview runs the DNS
    /// checks of `check-domain` on the domain and reasons over what they find.
    case domainDNS = "domain-dns"
}

extension QuestionAnswer {
    /// The answer recorded for a question that a lookup answered in the person's place: it sets no facts, since the
    /// lookup's observation carries what it found; its label says what was looked up, for the interview's summary.
    /// - Parameters:
    ///   - subject: what the person typed for the lookup, such as the domain.
    ///   - lookup: the lookup that ran.
    public static func lookedUp(_ subject: String, by lookup: QuestionLookup) -> QuestionAnswer {
        switch lookup {
        case .domainDNS:
            return QuestionAnswer(id: "looked-up", label: "looked up in DNS: \(subject)", facts: [], errorText: nil)
        }
    }
}
