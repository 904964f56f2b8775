/// A parsed SPF record (RFC 7208): its directives in order and its modifiers.
///
/// ```
/// v=spf1 ip4:192.0.2.0/24 include:_spf.example.net mx -all
/// ```
public struct SPFRecord: Sendable, Hashable {
    /// The result a directive gives when it matches.
    public enum Qualifier: String, Sendable, Hashable {
        case pass = "+"
        case fail = "-"
        case softfail = "~"
        case neutral = "?"

        /// The result's name: pass, fail, softfail, neutral.
        public var result: String {
            switch self {
            case .pass: return "pass"
            case .fail: return "fail"
            case .softfail: return "softfail"
            case .neutral: return "neutral"
            }
        }
    }

    /// A mechanism with its arguments.
    public enum Mechanism: Sendable, Hashable {
        case all
        case include(String)
        case a(domain: String?, prefix4: Int, prefix6: Int)
        case mx(domain: String?, prefix4: Int, prefix6: Int)
        case ptr(String?)
        case ip4(IPAddress, prefix: Int)
        case ip6(IPAddress, prefix: Int)
        case exists(String)

        /// Whether evaluating the mechanism costs a DNS lookup towards the limit of 10.
        public var countsAsLookup: Bool {
            switch self {
            case .include, .a, .mx, .ptr, .exists: return true
            case .all, .ip4, .ip6: return false
            }
        }
    }

    /// One directive: a qualifier and a mechanism, and the term as written.
    public struct Directive: Sendable, Hashable {
        public var qualifier: Qualifier
        public var mechanism: Mechanism
        public var term: String
    }

    /// The directives in the order they are evaluated.
    public var directives: [Directive]
    /// The `redirect=` domain, if any.
    public var redirect: String?
    /// The `exp=` domain, if any.
    public var explanation: String?

    /// Whether a TXT record's text is an SPF record: `v=spf1` alone or followed by a space.
    public static func isSPF(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    /// Parses the text of an SPF record.
    ///
    /// - Throws: `SPFSyntaxError` naming the first term that is not valid.
    public init(parsing text: String) throws(SPFSyntaxError) {
        guard Self.isSPF(text) else { throw SPFSyntaxError(term: text, reason: "it does not start with v=spf1") }
        directives = []
        for term in text.split(separator: " ").dropFirst().map(String.init) {
            if let equals = term.firstIndex(of: "="), !term[..<equals].contains(":"), !term[..<equals].contains("/") {
                try parseModifier(
                    term, name: term[..<equals].lowercased(), value: String(term[term.index(after: equals)...]))
            } else {
                directives.append(try Self.parseDirective(term))
            }
        }
    }

    private mutating func parseModifier(_ term: String, name: String, value: String) throws(SPFSyntaxError) {
        guard let first = name.first, first.isASCII, first.isLetter,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else { throw SPFSyntaxError(term: term, reason: "'\(name)' is not a valid modifier name") }
        switch name {
        case "redirect", "exp":
            try Self.checkDomainSpec(value, term: term)
            if name == "redirect" {
                guard redirect == nil else { throw SPFSyntaxError(term: term, reason: "redirect= appears twice") }
                redirect = value
            } else {
                guard explanation == nil else { throw SPFSyntaxError(term: term, reason: "exp= appears twice") }
                explanation = value
            }
        default:
            try Self.checkMacroString(value, term: term)
        }
    }

    private static func parseDirective(_ term: String) throws(SPFSyntaxError) -> Directive {
        var rest = Substring(term)
        var qualifier = Qualifier.pass
        if let first = rest.first, let given = Qualifier(rawValue: String(first)) {
            qualifier = given
            rest = rest.dropFirst()
        }
        let nameEnd = rest.firstIndex(where: { $0 == ":" || $0 == "/" }) ?? rest.endIndex
        let name = rest[..<nameEnd].lowercased()
        let argument = rest[nameEnd...]
        let mechanism: Mechanism
        switch name {
        case "all":
            guard argument.isEmpty else { throw SPFSyntaxError(term: term, reason: "all takes no argument") }
            mechanism = .all
        case "include", "exists":
            guard argument.hasPrefix(":"), argument.count > 1 else {
                throw SPFSyntaxError(term: term, reason: "\(name) needs a domain, as in \(name):example.com")
            }
            let domain = String(argument.dropFirst())
            try checkDomainSpec(domain, term: term)
            mechanism = name == "include" ? .include(domain) : .exists(domain)
        case "a", "mx":
            let (domain, prefix4, prefix6) = try parseDomainAndPrefixes(argument, term: term)
            mechanism =
                name == "a"
                ? .a(domain: domain, prefix4: prefix4, prefix6: prefix6)
                : .mx(domain: domain, prefix4: prefix4, prefix6: prefix6)
        case "ptr":
            guard argument.isEmpty || argument.hasPrefix(":") else {
                throw SPFSyntaxError(term: term, reason: "ptr takes no prefix length")
            }
            let domain = argument.isEmpty ? nil : String(argument.dropFirst())
            if let domain { try checkDomainSpec(domain, term: term) }
            mechanism = .ptr(domain)
        case "ip4", "ip6":
            guard argument.hasPrefix(":") else {
                throw SPFSyntaxError(term: term, reason: "\(name) needs an address, as in \(name):192.0.2.0/24")
            }
            let parts = argument.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            let limit = name == "ip4" ? 32 : 128
            guard parts.count <= 2, let address = IPAddress(String(parts[0])), address.isIPv4 == (name == "ip4")
            else {
                throw SPFSyntaxError(term: term, reason: "'\(parts[0])' is not an IPv\(name == "ip4" ? 4 : 6) address")
            }
            var prefix = limit
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...limit).contains(value), parts[1].first != "+" else {
                    throw SPFSyntaxError(term: term, reason: "the prefix length must be 0 to \(limit)")
                }
                prefix = value
            }
            mechanism = name == "ip4" ? .ip4(address, prefix: prefix) : .ip6(address, prefix: prefix)
        default:
            throw SPFSyntaxError(term: term, reason: "'\(name)' is not an SPF mechanism")
        }
        return Directive(qualifier: qualifier, mechanism: mechanism, term: term)
    }

    /// `:domain/24//64`, `/24`, `//64` or nothing.
    private static func parseDomainAndPrefixes(_ argument: Substring, term: String) throws(SPFSyntaxError) -> (
        String?, Int, Int
    ) {
        var rest = argument
        var domain: String?
        if rest.hasPrefix(":") {
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            domain = String(rest[rest.index(after: rest.startIndex)..<end])
            rest = rest[end...]
            try checkDomainSpec(domain ?? "", term: term)
        }
        var prefix4 = 32
        var prefix6 = 128
        if !rest.isEmpty {
            let pieces = rest.split(separator: "/", omittingEmptySubsequences: false)
            // "/24" → ["", "24"]; "//64" → ["", "", "64"]; "/24//64" → ["", "24", "", "64"]
            func number(_ text: Substring, limit: Int) throws(SPFSyntaxError) -> Int {
                guard let value = Int(text), (0...limit).contains(value), text.first != "+" else {
                    throw SPFSyntaxError(term: term, reason: "the prefix length must be 0 to \(limit)")
                }
                return value
            }
            switch pieces.count {
            case 2 where pieces[0].isEmpty: prefix4 = try number(pieces[1], limit: 32)
            case 3 where pieces[0].isEmpty && pieces[1].isEmpty: prefix6 = try number(pieces[2], limit: 128)
            case 4 where pieces[0].isEmpty && pieces[2].isEmpty:
                prefix4 = try number(pieces[1], limit: 32)
                prefix6 = try number(pieces[3], limit: 128)
            default: throw SPFSyntaxError(term: term, reason: "the prefix lengths are not written as /N or //N")
            }
        }
        return (domain, prefix4, prefix6)
    }

    /// A domain-spec: a macro-string that is a domain name once its macros are expanded.
    static func checkDomainSpec(_ spec: String, term: String) throws(SPFSyntaxError) {
        guard !spec.isEmpty else { throw SPFSyntaxError(term: term, reason: "the domain is empty") }
        try checkMacroString(spec, term: term)
        guard !spec.contains("%") else { return }
        guard let name = try? DNSName(spec), name.labels.count >= 2,
            let top = name.labels.last, top.contains(where: \.isLetter)
        else { throw SPFSyntaxError(term: term, reason: "'\(spec)' is not a fully qualified domain name") }
    }

    /// Macros: `%{d}`, `%{ir}`, `%{l1r-}`, `%%`, `%_`, `%-`; everything else visible ASCII.
    static func checkMacroString(_ text: String, term: String) throws(SPFSyntaxError) {
        var characters = Substring(text)
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character.isASCII, let value = character.asciiValue, value > 0x20, value < 0x7F else {
                throw SPFSyntaxError(term: term, reason: "it holds a character SPF does not allow")
            }
            guard character == "%" else { continue }
            guard let next = characters.first else { throw SPFSyntaxError(term: term, reason: "it ends in a lone %") }
            characters = characters.dropFirst()
            if "%_-".contains(next) { continue }
            guard next == "{", let close = characters.firstIndex(of: "}") else {
                throw SPFSyntaxError(term: term, reason: "a % is not followed by {letter}, %, _ or -")
            }
            let body = characters[..<close]
            characters = characters[characters.index(after: close)...]
            guard let letter = body.first, "slodiphcrtvSLODIPHCRTV".contains(letter) else {
                throw SPFSyntaxError(term: term, reason: "the macro %{\(body)} has no valid letter")
            }
            let transformers = body.dropFirst().drop(while: \.isNumber)
            let delimiters =
                transformers.hasPrefix("r") || transformers.hasPrefix("R") ? transformers.dropFirst() : transformers
            guard delimiters.allSatisfy({ ".-+,/_=".contains($0) }) else {
                throw SPFSyntaxError(term: term, reason: "the macro %{\(body)} has invalid transformers")
            }
        }
    }
}

/// An SPF record that does not parse, with the term at fault.
public struct SPFSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The term that failed.
    public var term: String
    /// Why.
    public var reason: String

    public var description: String { "'\(term.prefix(80))': \(reason)" }
}
