/// What SPF macros expand to while checking one address for one domain (RFC 7208 section 7).
struct SPFMacroContext: Sendable {
    /// The address being checked.
    var ip: IPAddress
    /// The domain whose record is evaluated (`%{d}`).
    var domain: String
    /// The sender's domain (`%{o}`, `%{h}`); the checks use the domain itself with `postmaster` as local part.
    var senderDomain: String

    /// Expands the macros of a domain-spec; the text without macros is returned unchanged.
    func expand(_ spec: String) -> String {
        guard spec.contains("%") else { return spec }
        var output = ""
        var characters = Substring(spec)
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "%", let next = characters.first else {
                output.append(character)
                continue
            }
            characters = characters.dropFirst()
            switch next {
            case "%": output += "%"
            case "_": output += " "
            case "-": output += "%20"
            case "{":
                guard let close = characters.firstIndex(of: "}") else { return output }
                output += expandMacro(characters[..<close])
                characters = characters[characters.index(after: close)...]
            default: output.append(next)
            }
        }
        return output
    }

    private func expandMacro(_ body: Substring) -> String {
        guard let letter = body.first?.lowercased() else { return "" }
        let value: String
        switch letter {
        case "s": value = "postmaster@" + senderDomain
        case "l": value = "postmaster"
        case "o", "h": value = senderDomain
        case "d": value = domain
        case "i":
            value =
                ip.isIPv4 ? ip.description : ip.reversedLabels.split(separator: ".").reversed().joined(separator: ".")
        case "v": value = ip.isIPv4 ? "in-addr" : "ip6"
        default: value = "unknown"
        }
        var transformers = body.dropFirst()
        let digits = transformers.prefix(while: \.isNumber)
        transformers = transformers.dropFirst(digits.count)
        let reverse = transformers.first == "r" || transformers.first == "R"
        if reverse { transformers = transformers.dropFirst() }
        let delimiters = transformers.isEmpty ? "." : String(transformers)
        var parts = value.split(whereSeparator: { delimiters.contains($0) }).map(String.init)
        if reverse { parts.reverse() }
        if let keep = Int(digits), keep > 0, keep < parts.count { parts = Array(parts.suffix(keep)) }
        return parts.joined(separator: ".")
    }
}
