import Foundation
import Yams

/// The cmdlets the rules may call and their parameter sets, from `Reference/powershell-cmdlets.yaml`.
///
/// The file is generated from Microsoft's PowerShell reference by `Reference/make-powershell-reference.py`; it names
/// the documentation commits it was read from and the date.
struct PowerShellReference: Sendable {
    /// Cmdlet (lower case) → parameter set name → parameter names (lower case).
    var parameterSets: [String: [String: Set<String>]]
    /// Retired cmdlet (lower case) → the cmdlet that replaces it.
    var retired: [String: String]
    /// Cmdlet (lower case) → `cloud` (Exchange Online only) or `on-premises` (Exchange Server only).
    var availability: [String: String]
    var retrievedOn: String

    /// Parameters every cmdlet accepts (about_CommonParameters).
    static let commonParameters: Set<String> = [
        "verbose", "debug", "erroraction", "warningaction", "informationaction", "progressaction", "errorvariable",
        "warningvariable", "informationvariable", "outvariable", "outbuffer", "pipelinevariable",
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Reference")

    static let builtIn: Result<PowerShellReference, ReferenceUnreadable> = Result {
        () throws(ReferenceUnreadable) in
        let url = folder.appendingPathComponent("powershell-cmdlets.yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let root = (try? Yams.load(yaml: text)) as? [String: Any],
            let cmdlets = root["cmdlets"] as? [String: Any]
        else { throw ReferenceUnreadable(path: url.path) }
        var sets: [String: [String: Set<String>]] = [:]
        var availability: [String: String] = [:]
        for (name, entry) in cmdlets {
            let named = (entry as? [String: Any])?["sets"] as? [String: [String]] ?? [:]
            sets[name.lowercased()] = named.mapValues { Set($0.map { $0.lowercased() }) }
            availability[name.lowercased()] = (entry as? [String: Any])?["availability"] as? String
        }
        let retired = (root["retired"] as? [String: [String: String]] ?? [:]).reduce(into: [String: String]()) {
            $0[$1.key.lowercased()] = $1.value["replacement"] ?? "?"
        }
        return PowerShellReference(
            parameterSets: sets, retired: retired, availability: availability,
            retrievedOn: "\(root["retrieved"] ?? "unknown date")")
    }

    /// What is wrong with a call, or nil when the cmdlet exists and one of its parameter sets takes every parameter.
    func problem(with call: PowerShellInvocation) -> String? {
        let cmdlet = call.name.lowercased()
        if let replacement = retired[cmdlet] { return "\(call.name) is retired; use \(replacement)" }
        guard let sets = parameterSets[cmdlet] else {
            return "\(call.name) is not in Reference/powershell-cmdlets.yaml (regenerate it, or check the name)"
        }
        let given = Set(call.parameters.map { $0.lowercased() }).subtracting(Self.commonParameters)
        let known = sets.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        let unknown = given.subtracting(known).sorted()
        if !unknown.isEmpty {
            return "\(call.name) has no parameter \(unknown.map { "-\($0)" }.joined(separator: ", "))"
        }
        if !sets.values.contains(where: { given.isSubset(of: $0) }) {
            return
                "\(call.name): \(given.sorted().map { "-\($0)" }.joined(separator: " ")) are in different parameter sets"
        }
        return nil
    }
}

/// The reference file is missing or not in the expected shape.
struct ReferenceUnreadable: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot read the PowerShell reference at \(path)" }
}
