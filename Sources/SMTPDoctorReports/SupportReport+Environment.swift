import Foundation

extension SupportReport {
    /// What the ticket needs to say about the environment, in order; keys are also the JSON names.
    var environmentRows: [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = [
            ("generatedAt", Self.timestamp(environment.generatedAt)),
            ("tool", "smtp-doctor \(environment.toolVersion)"),
            ("knowledgeBase", environment.knowledgeBase),
            ("operatingSystem", environment.operatingSystem),
            ("timeZone", environment.timeZone),
        ]
        if let connection {
            rows += [
                ("server", connection.host), ("port", connection.port), ("tlsMode", connection.tlsMode),
                ("authentication", connection.authentication),
            ]
        }
        return rows
    }
}
