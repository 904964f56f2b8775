extension KnowledgeBase {
    /// A provider by its id or one of its aliases, ignoring case and surrounding spaces.
    ///
    /// `o365`, `Office365` and `microsoft-365` all find the same profile when its YAML lists those aliases.
    public func provider(named name: String) -> ProviderProfile? {
        let wanted = ProviderName.normalised(name)
        return providers.first { $0.id == wanted } ?? providers.first { $0.aliases.contains(wanted) }
    }

    /// The provider ids closest to a name that matched none, nearest first: what the user probably meant.
    ///
    /// Every id and alias is compared by edit distance; a name within a third of its length (at least 2 edits)
    /// of an id or alias, or the start of one (`outlook` for `outlook-com`), suggests that provider. Separators are
    /// ignored, so `exchange online` finds `exchange-online`.
    public func providerSuggestions(for name: String, limit: Int = 3) -> [String] {
        let wanted = ProviderName.comparable(name)
        guard !wanted.isEmpty else { return [] }
        let allowed = max(2, wanted.count / 3)
        var best: [String: Int] = [:]
        for provider in providers {
            for candidate in [provider.id] + provider.aliases {
                let comparable = ProviderName.comparable(candidate)
                let distance =
                    wanted.count >= 3 && comparable.starts(with: wanted)
                    ? 1 : ProviderName.editDistance(wanted, comparable)
                if distance <= allowed, distance < best[provider.id, default: .max] { best[provider.id] = distance }
            }
        }
        return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit).map(\.key)
    }
}
