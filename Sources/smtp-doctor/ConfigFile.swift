/// Defaults a person sets once, read from `config.yaml` files and `SMTP_DOCTOR_*` environment variables.
///
/// Every value is optional: an absent one leaves the next source (or the built-in default) in charge. The sources
/// are layered by `ConfigFile.Sources`: a flag beats the environment, which beats the user's file, which beats the
/// system's file.
struct ConfigFile: Equatable, Sendable {
    /// The mail service in use (`--provider`).
    var provider: String?
    /// Folders of extra rules layered over the built-in knowledge base (`--rules`).
    var rules: [String]?
    /// A folder of Mustache templates for the Markdown and HTML documents (`--template`).
    var templates: String?
    /// Whether text output is coloured.
    var colour: ColourChoice?
    /// The DNS server `check-domain` asks, as `address` or `address:port`.
    var dnsServer: String?

    /// The keys a file may hold, in the order the documentation lists them.
    static let keys = ["provider", "rules", "templates", "color", "dns-server"]

    /// This configuration with the values of `other` filled in where this one has none.
    func over(_ other: ConfigFile) -> ConfigFile {
        ConfigFile(
            provider: provider ?? other.provider, rules: rules ?? other.rules, templates: templates ?? other.templates,
            colour: colour ?? other.colour, dnsServer: dnsServer ?? other.dnsServer)
    }
}

/// When text output is coloured.
enum ColourChoice: String, CaseIterable, Sendable {
    /// Only on a terminal, and not when NO_COLOR is set.
    case auto
    /// Always, even into a pipe (NO_COLOR and --no-color still win).
    case always
    /// Never.
    case never
}
