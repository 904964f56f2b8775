import Foundation
import Yams

/// The real host names and addresses a command may contain (`Reference/command-hosts.yaml`) and the test for the
/// rest: only reserved example names, placeholders and documentation or private addresses.
struct CommandHosts: Sendable {
    var services: Set<String>
    var serviceSuffixes: [String]
    var tenantNamespaces: Set<String>
    var blocklistZones: [String]
    var publicResolvers: Set<String>
    var publicTopLevelDomains: Set<String>

    static let builtIn: Result<CommandHosts, ReferenceUnreadable> = Result { () throws(ReferenceUnreadable) in
        let url = PowerShellReference.folder.appendingPathComponent("command-hosts.yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let root = (try? Yams.load(yaml: text)) as? [String: [String]]
        else { throw ReferenceUnreadable(path: url.path) }
        func list(_ key: String) -> [String] { (root[key] ?? []).map { $0.lowercased() } }
        return CommandHosts(
            services: Set(list("services")), serviceSuffixes: list("serviceSuffixes"),
            tenantNamespaces: Set(list("tenantNamespaces")), blocklistZones: list("blocklistZones"),
            publicResolvers: Set(list("publicResolvers")), publicTopLevelDomains: Set(list("publicTopLevelDomains")))
    }

    static let placeholderLabel = "x-placeholder"

    /// A dotted name not glued to a variable, property or longer word: group 1 the name, group 2 its last label.
    static let hostPattern = Result {
        try NSRegularExpression(
            pattern: #"(?<![\w$.-])((?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,}))(?![\w-])"#)
    }
    /// A dotted IPv4 address, not part of a longer dotted number.
    static let addressPattern = Result {
        try NSRegularExpression(
            pattern: #"(?<![\w.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)"#)
    }

    /// An IPv6 address with at least two colons, not part of a longer word.
    static let ipv6Pattern = Result {
        try NSRegularExpression(
            pattern: #"(?<![\w:.])((?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4})(?![\w:.])"#)
    }

    /// The texts of a pattern's capture groups in every match.
    private static func groups(_ pattern: NSRegularExpression, in text: String) -> [[String]] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Every host name or address in a command that is neither a reserved example nor allowed here.
    func problems(in run: String) throws -> [String] {
        let text = run.replacing(/<[^<>\s]+>/, with: Self.placeholderLabel)
        var found: [String] = []
        var blocklistPrefixes: [String] = []
        for groups in Self.groups(try Self.hostPattern.get(), in: text) {
            let host = groups[0].lowercased()
            guard publicTopLevelDomains.contains(groups[1].lowercased()) else { continue }
            if let zone = blocklistZones.first(where: { host.hasSuffix("." + $0) }) {
                blocklistPrefixes.append(String(host.dropLast(zone.count + 1)))
                continue
            }
            if !isAllowed(host) { found.append("\(host) is a real-looking name; use example.com or a <placeholder>") }
        }
        for prefix in blocklistPrefixes where !isAllowed(prefix) {
            let octets = prefix.split(separator: ".")
            let reversed = octets.count == 4 ? octets.reversed().joined(separator: ".") : prefix
            if !(octets.count == 4 && isDocumentationOrPrivate(reversed)) {
                found.append("blocklist query for \(prefix) is not about an example IP address or domain")
            }
        }
        let isLookup = run.range(of: #"\b(dig|nslookup|Resolve-DnsName)\b"#, options: .regularExpression) != nil
        for groups in Self.groups(try Self.addressPattern.get(), in: text) {
            let address = groups[0]
            if blocklistPrefixes.contains(where: { $0.hasPrefix(address) }) { continue }
            if isDocumentationOrPrivate(address) { continue }
            if isLookup && publicResolvers.contains(address) { continue }
            found.append("\(address) is a public address; use 192.0.2.x, 198.51.100.x or 203.0.113.x")
        }
        let ipv6Pattern = try Self.ipv6Pattern.get()
        for groups in Self.groups(ipv6Pattern, in: text) where groups[0].filter({ $0 == ":" }).count >= 2 {
            let address = groups[0].lowercased()
            let local = ["2001:db8:", "::", "fe80:", "fc", "fd"].contains { address.hasPrefix($0) }
            if !local { found.append("\(address) is a public IPv6 address; use 2001:db8::/32") }
        }
        return found
    }

    private func isAllowed(_ host: String) -> Bool {
        let reserved = ["example.com", "example.net", "example.org"]
        if reserved.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return true }
        if services.contains(host) { return true }
        if serviceSuffixes.contains(where: { host.hasSuffix("." + $0) }) { return true }
        let labels = host.split(separator: ".", maxSplits: 1).map(String.init)
        if labels.count == 2, labels[0] == Self.placeholderLabel, tenantNamespaces.contains(labels[1]) { return true }
        return false
    }

    private func isDocumentationOrPrivate(_ address: String) -> Bool {
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4, octets.allSatisfy({ (0...255).contains($0) }) else { return true }
        switch (octets[0], octets[1], octets[2]) {
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): return true
        case (10, _, _), (127, _, _), (192, 168, _), (0, 0, 0): return true
        case (172, 16...31, _): return true
        default: return false
        }
    }
}
