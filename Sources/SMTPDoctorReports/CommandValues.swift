import SMTPDoctorCore
import SMTPDoctorProbes

/// The values a remediation command's placeholders can be filled with: what the command line or the evidence
/// already says about the server, the port, the cloud region, the domain and the user.
///
/// There is no field for a password, a token or any other secret, so no secret can reach a command.
public struct CommandValues: Sendable, Hashable {
    /// The SMTP server's host name or address (`<host>`).
    public var host: String?
    /// The SMTP port (`<port>`).
    public var port: String?
    /// A cloud region such as `us-east-1` (`<region>`).
    public var region: String?
    /// The mail domain (`<domain>`).
    public var domain: String?
    /// The user name the client logs in with (`<user>`).
    public var user: String?

    /// Creates a set of values; a missing one leaves its placeholder as it is.
    public init(
        host: String? = nil, port: String? = nil, region: String? = nil, domain: String? = nil, user: String? = nil
    ) {
        self.host = host
        self.port = port
        self.region = region
        self.domain = domain
        self.user = user
        if self.domain == nil, let user, let at = user.lastIndex(of: "@") {
            let part = user[user.index(after: at)...]
            if !part.isEmpty { self.domain = String(part) }
        }
        if self.region == nil, let host { self.region = Self.region(in: host) }
    }

    /// The values the facts give: the configured host and port, or the host that answered, and the region a host
    /// name or the reply text names.
    public init(facts: [Fact]) {
        func string(_ name: ProbeFactName) -> String? {
            guard let fact = facts.first(where: { $0.name == name.rawValue }) else { return nil }
            switch fact.value {
            case .string(let text): return text.isEmpty ? nil : text
            case .int(let number): return String(number)
            case .bool: return nil
            }
        }
        let host = string(.configHost) ?? string(.remoteHost)
        self.init(host: host, port: string(.configPort), user: nil)
        if region == nil, let text = string(.replyText) { region = Self.region(in: text) }
    }

    /// These values, with each missing one taken from `other`.
    public func filling(gapsFrom other: CommandValues) -> CommandValues {
        var values = self
        values.host = host ?? other.host
        values.port = port ?? other.port
        values.region = region ?? other.region
        values.domain = domain ?? other.domain
        values.user = user ?? other.user
        return values
    }

    /// The value of a placeholder name (`host`, `port`, `region`, `domain`, `user`), if known.
    func value(named name: String) -> String? {
        switch name {
        case "host": return host
        case "port": return port
        case "region": return region
        case "domain": return domain
        case "user": return user
        default: return nil
        }
    }

    /// The first word of `text` shaped like a cloud region name (two letters, a word, a number: `eu-west-1`),
    /// read from host name labels and words alike.
    static func region(in text: String) -> String? {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }
        return words.lazy.map(String.init).first(where: isRegion)
    }

    private static func isRegion(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3 || (parts.count == 4 && parts[1] == "gov") else { return false }
        guard let area = parts.first, let number = parts.last, let name = parts.dropLast().last else { return false }
        return area.count == 2 && area.allSatisfy { $0.isASCII && $0.isLetter }
            && name.count >= 4 && name.allSatisfy { $0.isASCII && $0.isLetter }
            && (1...2).contains(number.count) && number.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
