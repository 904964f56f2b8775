import ArgumentParser
import Foundation
import Synchronization

/// `--config FILE`, and the settings it resolves for the option groups that take their defaults from them.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Read defaults from this YAML file instead of ~/.config/smtp-doctor/config.yaml and /etc/smtp-doctor/config.yaml.",
            valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var file: String?

    /// Reads the configuration once, before the command runs, so that a malformed file stops every command alike.
    func validate() throws {
        switch resolved() {
        case .success(let settings): ConfigDefaults.shared.set(settings)
        case .failure(let failure): throw failure.report()
        }
    }

    /// The settings of the configuration files, or the failure that stops the command; nothing is printed or kept.
    func resolved() -> Result<ConfigFile, CommandFailure> {
        do throws(ConfigFailure) {
            return .success(
                try ConfigFile.resolve(explicitFile: file, environment: ProcessEnvironment.variables))
        } catch {
            switch error {
            case .unreadable(let message): return .failure(CommandFailure(message, status: .unreadableInput))
            case .problem(let problem): return .failure(CommandFailure(problem.description, status: .invalidRules))
            }
        }
    }
}

/// The settings in effect for this run of the program.
///
/// Commands that take `--config` resolve them while their options are validated; the others (and the completion
/// functions) use the files and the environment as they are, ignoring a malformed file.
final class ConfigDefaults: Sendable {
    /// The one instance of the program.
    static let shared = ConfigDefaults()

    private let resolved = Mutex<ConfigFile?>(nil)

    /// The settings in effect.
    var current: ConfigFile {
        resolved.withLock { resolved in
            if let resolved { return resolved }
            let settings =
                (try? ConfigFile.resolve(explicitFile: nil, environment: ProcessEnvironment.variables))
                ?? ConfigFile()
            resolved = settings
            return settings
        }
    }

    /// Replaces the settings in effect.
    func set(_ settings: ConfigFile) {
        resolved.withLock { $0 = settings }
    }
}
