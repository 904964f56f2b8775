/// A server name with an optional port, as people type it: `smtp.office365.com:587`, `mail.example.com 25`.
public struct HostPort: Sendable, Hashable {
    /// The host name or address.
    public var host: String
    /// The port, when given.
    public var port: Int?

    /// Creates a host and port.
    public init(host: String, port: Int?) {
        self.host = host
        self.port = port
    }

    /// Reads `host`, `host:port`, `host port` or `[v6-address]:port`; `nil` for anything else.
    ///
    /// - Parameter text: what the person typed, such as `smtp.gmail.com:465`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 255 else { return nil }
        var host = trimmed
        var port: Int?
        if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...].drop { $0 == ":" || $0 == " " }
            if !rest.isEmpty {
                guard let number = Int(rest) else { return nil }
                port = number
            }
        } else {
            let parts = trimmed.split(whereSeparator: { $0 == ":" || $0 == " " })
            guard parts.count == 1 || parts.count == 2 else { return nil }
            host = String(parts[0])
            if parts.count == 2 {
                guard let number = Int(parts[1]) else { return nil }
                port = number
            }
        }
        if let port, !(1...65535).contains(port) { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_:")
        guard !host.isEmpty, host.lowercased().allSatisfy({ allowed.contains($0) }) else { return nil }
        self.host = host.lowercased()
        self.port = port
    }
}

extension HostPort {
    /// Whether the host is plainly a server's name or address — a dotted name with a letter, four dotted numbers, an
    /// IPv6 address or `localhost` — rather than a word or a status code such as `5.7.8` that happens to parse.
    public var namesAServer: Bool {
        if host == "localhost" || host.contains(":") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, !labels.contains(where: \.isEmpty) else { return false }
        return host.contains(where: \.isLetter) || (labels.count == 4 && labels.allSatisfy { UInt8($0) != nil })
    }
}

// MARK: - CustomStringConvertible

extension HostPort: CustomStringConvertible {
    public var description: String {
        guard let port else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

extension Question {
    /// The answer that a host and port give to a host-port question.
    public func answer(for hostPort: HostPort) -> QuestionAnswer {
        var facts = textFacts.map { ($0, FactValue.string(hostPort.host)) }
        if let portFact, let port = hostPort.port { facts.append((portFact, .int(port))) }
        return QuestionAnswer(id: hostPort.description, label: hostPort.description, facts: facts, errorText: nil)
    }
}
