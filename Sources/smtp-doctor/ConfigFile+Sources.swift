import Foundation

extension ConfigFile {
    /// The system-wide configuration file.
    static let systemPath = "/etc/smtp-doctor/config.yaml"

    /// The user's configuration file: `$XDG_CONFIG_HOME/smtp-doctor/config.yaml`, or `~/.config/...` without it.
    static func userPath(environment: [String: String]) -> String? {
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            return configHome + "/smtp-doctor/config.yaml"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/smtp-doctor/config.yaml"
    }

    /// The environment variable that sets each key (`rules` takes folders separated by `:`).
    static let environmentNames = [
        "provider": "SMTP_DOCTOR_PROVIDER", "rules": "SMTP_DOCTOR_RULES", "templates": "SMTP_DOCTOR_TEMPLATES",
        "color": "SMTP_DOCTOR_COLOR", "dns-server": "SMTP_DOCTOR_DNS_SERVER",
    ]

    /// The settings given by `SMTP_DOCTOR_*` environment variables; empty variables count as unset.
    ///
    /// - Throws: `ConfigProblem` (located at the variable's name) for a colour that is not auto, always or never.
    init(environment: [String: String]) throws(ConfigProblem) {
        func value(_ key: String) -> String? {
            environment[Self.environmentNames[key] ?? ""].flatMap { $0.isEmpty ? nil : $0 }
        }
        self.init(
            provider: value("provider"),
            rules: value("rules").map { $0.split(separator: ":").map(String.init) },
            templates: value("templates"), dnsServer: value("dns-server"))
        if let colour = value("color") {
            guard let choice = ColourChoice(rawValue: colour) else {
                throw ConfigProblem(
                    path: "", line: 0,
                    "SMTP_DOCTOR_COLOR is '\(colour)'; use one of \(ColourChoice.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            self.colour = choice
        }
    }

    /// The settings in effect: the environment over the user's file over the system's file, or over `explicitFile`
    /// alone when one is given (`--config FILE` replaces both files).
    ///
    /// A missing user or system file is no error; a missing explicit file is.
    ///
    /// - Throws: `ConfigFailure` for a file that cannot be read or has a problem.
    static func resolve(explicitFile: String?, environment: [String: String]) throws(ConfigFailure) -> ConfigFile {
        let files: ConfigFile
        if let explicitFile {
            files = try read(explicitFile, required: true)
        } else {
            let user = try userPath(environment: environment).map { path throws(ConfigFailure) in
                try read(path, required: false)
            }
            files = (user ?? ConfigFile()).over(try read(systemPath, required: false))
        }
        do {
            return try ConfigFile(environment: environment).over(files)
        } catch {
            throw .problem(error)
        }
    }

    private static func read(_ path: String, required: Bool) throws(ConfigFailure) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) || required else { return ConfigFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable("cannot read the configuration file \(path); check that it exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .problem(ConfigProblem(path: path, line: 1, "not UTF-8 text"))
        }
        do {
            return try ConfigFile(yaml: text, path: path)
        } catch {
            throw .problem(error)
        }
    }
}

/// Why the configuration could not be read.
enum ConfigFailure: Error, Equatable {
    /// A file that has to be read cannot be.
    case unreadable(String)
    /// A file or variable holds something wrong.
    case problem(ConfigProblem)
}
