import SMTPDoctorProbes

/// The fields of the "test a server" form and of `POST /api/probe`, checked before anything is sent.
///
/// Every value that ends up in an SMTP command is refused when it holds a control character, so that no field
/// can smuggle a second command (`to=a@b\r\nRCPT TO:<c@d>`) into the session.
struct ProbeRequest: Sendable, Decodable {
    enum Security: String, Sendable, Decodable, CaseIterable {
        case auto, none, starttls, implicit

        var mode: TLSMode {
            switch self {
            case .auto: return .auto
            case .none: return .none
            case .starttls: return .starttls
            case .implicit: return .implicit
            }
        }
    }

    enum Authentication: String, Sendable, Decodable, CaseIterable {
        case none, basic, oauth2
    }

    var host: String
    var port: Int?
    var security: Security?
    var auth: Authentication?
    var user: String?
    var password: String?
    var from: String?
    var to: String?
    var sendTest: Bool?
    var allowUntrustedCertificate: Bool?

    /// The longest host name DNS allows.
    static let maximumHostLength = 253
    /// The longest address or user name accepted (RFC 5321's path limit is 256).
    static let maximumFieldLength = 320
    /// The longest password or OAuth 2.0 token accepted.
    static let maximumSecretLength = 8_192

    /// Reads the form fields of the page.
    init(form: FormFields) throws(ServeFailure) {
        host = form["host"] ?? ""
        if let text = form["port"], !text.isEmpty {
            guard let number = Int(text) else { throw ServeFailure(.badRequest, "The port must be a number.") }
            port = number
        }
        security = try Self.choice(form["security"], field: "security")
        auth = try Self.choice(form["auth"], field: "auth")
        user = form["user"]
        password = form["password"]
        from = form["from"]
        to = form["to"]
        sendTest = form["send-test"] != nil
        allowUntrustedCertificate = form["allow-untrusted-certificate"] != nil
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ text: String?, field: String) throws(ServeFailure)
        -> T? where T.RawValue == String
    {
        guard let text, !text.isEmpty else { return nil }
        guard let value = T(rawValue: text) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ServeFailure(.badRequest, "The \(field) must be one of \(known).")
        }
        return value
    }

    /// The probe configuration, within the page's time limits.
    ///
    /// - Throws: ``ServeFailure`` naming the field that is missing, too long or holds a control character.
    func configuration(stepTimeout: Duration, deadline: Duration) throws(ServeFailure) -> ProbeConfiguration {
        let host = host.trimmingWhitespace
        guard !host.isEmpty else { throw ServeFailure(.badRequest, "Give the server's host name or address.") }
        guard host.utf8.count <= Self.maximumHostLength, host.unicodeScalars.allSatisfy(Self.isHostCharacter) else {
            throw ServeFailure(
                .badRequest, "The server must be a host name or an IP address, such as smtp.example.com or 192.0.2.1.")
        }
        let port = port ?? 587
        guard (1...65_535).contains(port) else { throw ServeFailure(.badRequest, "The port must be 1 to 65535.") }
        let user = try Self.field(user, name: "user", limit: Self.maximumFieldLength)
        let from = try Self.field(from, name: "from", limit: Self.maximumFieldLength)
        let to = try Self.field(to, name: "to", limit: Self.maximumFieldLength)
        let secret = try Self.field(password, name: "password", limit: Self.maximumSecretLength)
        var credentials: Credentials?
        switch auth ?? (user == nil ? .none : .basic) {
        case .none: break
        case .basic, .oauth2:
            guard let user else { throw ServeFailure(.badRequest, "Authentication needs a user name.") }
            guard let secret else {
                throw ServeFailure(.badRequest, "Authentication needs a password (or, for OAuth 2.0, a token).")
            }
            credentials = Credentials(
                username: user, secret: Secret(secret), mechanism: auth == .oauth2 ? .xoauth2 : nil)
        }
        if (from == nil) != (to == nil) {
            throw ServeFailure(.badRequest, "The relay test needs both a sender and a recipient.")
        }
        if sendTest == true, to == nil {
            throw ServeFailure(.badRequest, "Sending a test message needs a sender and a recipient.")
        }
        let envelope = from.flatMap { from in to.map { Envelope(from: from, to: $0) } }
        return ProbeConfiguration(
            host: host, port: port, tlsMode: (security ?? .auto).mode, credentials: credentials, envelope: envelope,
            sendTestMessage: sendTest ?? false, timeouts: .uniform(stepTimeout, overall: deadline),
            allowUntrustedCertificate: allowUntrustedCertificate ?? false)
    }

    /// Letters (also internationalised), digits, and `. - _ :` of names and IPv4 and IPv6 addresses.
    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value > 0x7f { return scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_:".unicodeScalars.contains(scalar)
    }

    /// The trimmed value, nil when empty.
    private static func field(_ value: String?, name: String, limit: Int) throws(ServeFailure) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
        guard value.utf8.count <= limit else {
            throw ServeFailure(.badRequest, "The \(name) is longer than \(limit) bytes.")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw ServeFailure(.badRequest, "The \(name) holds a line break or another control character.")
        }
        return value
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
