/// What is known about one mail service: how to connect, its limits, how to recognise it, its own codes.
public struct ProviderProfile: Sendable {
    /// The provider id, such as `microsoft-365`.
    public var id: String
    /// Its display name.
    public var name: String
    /// Other names people type for it, such as `o365` or `gmail`, in lower case.
    public var aliases: [String]
    /// A short description.
    public var doc: String
    /// Recommended connection settings.
    public var settings: [ProviderSetting]
    /// Sending limits.
    public var limits: [ProviderLimit]
    /// Patterns on the server's host name that identify the provider.
    public var hostPatterns: [RegularExpression]
    /// Patterns on error texts that identify the provider.
    public var textPatterns: [RegularExpression]
    /// The provider's own codes and what they mean.
    public var codes: [ProviderCode]
    /// Where it is written.
    public var location: SourceLocation
    /// The DKIM selectors the provider publishes keys under by default (`selector1`, `google` …), tried by
    /// check-domain when no selector is given.
    public var dkimSelectors: [String] = []
}

/// One recommended way to connect to a provider.
public struct ProviderSetting: Sendable, Hashable {
    /// What the setting is for, such as "SMTP AUTH client submission".
    public var purpose: String
    /// Server host name.
    public var host: String
    /// Port.
    public var port: Int?
    /// TLS mode: `starttls`, `implicit` or `none`.
    public var tls: String?
    /// Authentication types that work.
    public var auth: [String]
    /// Anything else worth knowing.
    public var notes: String?
}

/// One sending limit of a provider.
public struct ProviderLimit: Sendable, Hashable {
    /// What is limited.
    public var name: String
    /// The limit.
    public var value: String
    /// What to configure to stay under it, if different.
    public var recommended: String?
}

/// A code as one provider uses it.
public struct ProviderCode: Sendable, Hashable {
    /// The enhanced status code, such as `5.7.57`.
    public var code: String
    /// The basic reply code it comes with, if fixed.
    public var reply: Int?
    /// What it means at this provider.
    public var meaning: String
    /// The diagnosis it points at.
    public var diagnosisID: String

    /// The id of the evidence rule this code adds to its diagnosis: it fires when the provider, the codes and the
    /// phrase all agree, so a firing says the provider's meaning applies.
    public func evidenceRuleID(providerID: String) -> String { "provider \(providerID) \(code)" }
}
