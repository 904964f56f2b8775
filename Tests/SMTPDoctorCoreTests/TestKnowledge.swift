import SMTPDoctorCore

/// Small knowledge bases written inline, so that each test shows the rules it depends on.
enum TestKnowledge {
    static let facts = """
        error.text: { type: text, doc: pasted text }
        reply.code: { type: int, doc: code }
        reply.enhanced: { type: string, doc: enhanced code }
        reply.text: { type: text, doc: reply text }
        reply.class: { type: enum, values: [transient, permanent], doc: class }
        network.error: { type: enum, values: [refused, timeout], doc: network }
        provider: { type: enum, values-from: providers, doc: provider }
        remote.host: { type: string, doc: host }
        remote.ip: { type: string, doc: address }
        error.format: { type: string, doc: the structure recognised }
        smtp.stage: { type: string, doc: the command answered }
        """

    static let categories = """
        - { id: auth, meaning: Authentication. }
        - { id: connection, meaning: Connection. }
        - { id: server, meaning: Server. }
        """

    static let remediations = """
        - id: check-password
          title: Check the password
          effort: 1
          steps: [Re-enter the password.]
          providers:
            acme: { steps: [Reset it in the Acme console.] }
        - id: open-firewall
          title: Open the firewall
          effort: 3
          steps: [Allow outbound port 587.]
        - id: wait
          title: Wait and retry
          effort: 1
          steps: [Retry later.]
        """

    static let provider = """
        id: acme
        name: Acme Mail
        recognise:
          hosts: ["(?i)\\\\.acme\\\\.test$"]
          text: ["(?i)acme-mx"]
        codes:
          - { code: 5.7.9, meaning: Acme wants an app password., diagnosis: auth.bad-password, cf: 0.5 }
        """

    static let rules = """
        - id: class.transient
          if: { reply.code: { between: [400, 499] } }
          then: { reply.class: transient }
        - id: class.permanent
          if: { reply.code: { between: [500, 599] } }
          then: { reply.class: permanent }
        - id: refused-from-text
          if: { error.text: { contains: ["connection refused", "econnrefused"] } }
          then: { network.error: refused }
        """

    static let diagnoses = """
        - id: auth.bad-password
          category: auth
          title: Wrong password
          summary: The server refused the password.
          evidence:
            - if: { reply.code: 535 }
              cf: 0.6
            - if: { all: [ { reply.code: 535 }, { error.text: { contains: "credentials invalid" } } ] }
              cf: 0.5
          remediation: [check-password]
          examples: ["535 5.7.8 Authentication credentials invalid"]
        - id: connection.refused
          category: connection
          title: Nothing listens on the port
          summary: The connection was refused.
          evidence:
            - if: { network.error: refused }
              cf: 0.8
          remediation: [open-firewall]
        - id: server.transient
          category: server
          title: A temporary server failure
          summary: Only the class of the code is known.
          evidence:
            - if: { reply.class: transient }
              cf: 0.25
            - if: { reply.code: 454 }
              cf: -1
          remediation: [wait]
        """

    /// The files of the small knowledge base, with replacements or additions.
    static func files(_ overrides: [String: String] = [:]) -> [RuleFile] {
        var texts = [
            "facts.yaml": facts, "categories.yaml": categories, "remediations/all.yaml": remediations,
            "providers/acme.yaml": provider, "rules/all.yaml": rules, "diagnoses/all.yaml": diagnoses,
        ]
        for (path, text) in overrides { texts[path] = text }
        return texts.sorted { $0.key < $1.key }.map {
            RuleFile(relativePath: $0.key, displayPath: "Rules/\($0.key)", text: $0.value)
        }
    }

    static func load(_ overrides: [String: String] = [:]) throws -> KnowledgeBase {
        try KnowledgeBase.load([RuleLayer(files: files(overrides))])
    }

    /// The problems loading reports, as `file:line: message` strings.
    static func problems(_ overrides: [String: String]) -> [String] {
        do {
            _ = try load(overrides)
            return []
        } catch let error as InvalidKnowledgeBase {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }
}
