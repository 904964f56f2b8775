import SMTPDoctorCore

/// Fills the `<host>`, `<port>`, `<region>`, `<domain>` and `<user>` placeholders of remediation commands with
/// known values.
///
/// A value is put in only when it is safe in any shell without quoting — letters, digits and `. - _ @ : +`, starting
/// with a letter or digit — so a value from an error text can neither end a quoted string nor add a command or an option.
/// Any other placeholder (`<server>`, `<tenant>`, `<password>`), and one whose value is unknown or unsafe, stays as
/// written, a visible placeholder for the reader to fill.
public struct CommandPlaceholders: Sendable {
    /// The values to fill in.
    public var values: CommandValues

    /// Creates a filler.
    public init(values: CommandValues) {
        self.values = values
    }

    /// The command with its known placeholders filled.
    public func fill(_ command: RemediationCommand) -> RemediationCommand {
        var filled = command
        filled.run = fill(command.run)
        return filled
    }

    /// The text with its known placeholders filled.
    public func fill(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            let name = String(rest[afterOpen..<close])
            if let value = values.value(named: name), Self.isSafe(value) {
                out += value
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Whether a value needs no quoting in `sh`, PowerShell or `cmd`: it starts with a letter or digit and holds
    /// only those and `. - _ @ : +`.
    static func isSafe(_ value: String) -> Bool {
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        guard let first = value.unicodeScalars.first, isAlphanumeric(first), value.count <= 255 else { return false }
        return value.unicodeScalars.allSatisfy { isAlphanumeric($0) || ".-_@:+".unicodeScalars.contains($0) }
    }
}
