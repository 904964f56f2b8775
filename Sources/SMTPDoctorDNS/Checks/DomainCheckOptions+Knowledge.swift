import SMTPDoctorCore

extension DomainCheckOptions {
    /// The DKIM selectors of every provider profile in the knowledge base (`dkim-selectors`), each once, in the
    /// order of the profiles.
    public static func commonSelectors(in knowledgeBase: KnowledgeBase) -> [String] {
        var seen: Set<String> = []
        return knowledgeBase.providers.flatMap(\.dkimSelectors).filter { seen.insert($0).inserted }
    }
}
