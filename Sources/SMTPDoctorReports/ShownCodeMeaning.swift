import SMTPDoctorCore

/// The meaning of one code seen, as a reader should take it: the recognised provider's own meaning where one of the
/// provider's entries for the code applies to the error, otherwise the registry's.
///
/// Under Microsoft 365, `535 5.7.3` means an authentication failure, not the registry's "Security conversion
/// required".
struct ShownCodeMeaning: Sendable, Hashable {
    /// The code as seen: `535` or `5.7.3`.
    var code: String
    /// A short title: the registry's title, or the provider's name.
    var title: String
    /// What the code means.
    var meaning: String
    /// The provider whose meaning this is, if it is not the registry's.
    var providerID: String?

    /// The codes of a result with the meanings to show. A provider's entry applies when its evidence fired: the
    /// provider, the codes and any phrase of the entry agreed with the error.
    static func all(in result: DiagnosisResult) -> [ShownCodeMeaning] {
        var fired = Set<String>()
        for diagnosis in result.diagnoses + result.ruledOut {
            for firing in diagnosis.evidence { fired.insert(diagnosis.definition.id + " " + firing.ruleID) }
        }
        return result.codes.map { seen in
            let applying = (result.provider?.codes ?? []).filter { entry in
                guard let provider = result.provider, entry.code == seen.code else { return false }
                return fired.contains(entry.diagnosisID + " " + entry.evidenceRuleID(providerID: provider.id))
            }
            let meanings = Set(applying.map(\.meaning))
            guard let provider = result.provider, meanings.count == 1, let meaning = meanings.first else {
                return ShownCodeMeaning(code: seen.code, title: seen.entry.title, meaning: seen.entry.meaning)
            }
            return ShownCodeMeaning(code: seen.code, title: provider.name, meaning: meaning, providerID: provider.id)
        }
    }
}
