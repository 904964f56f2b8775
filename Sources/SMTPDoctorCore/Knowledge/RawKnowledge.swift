/// The first loading stage: every file parsed into YAML nodes and sorted by kind, layers applied by id.
///
/// Nothing is checked against anything else here; `KnowledgeBaseBuilder` does that on the merged result.
struct RawKnowledge {
    /// Entries of one kind, keyed by id in first-seen order; a later layer replaces an entry in place.
    struct Table {
        private(set) var order: [String] = []
        private(set) var entries: [String: YAMLEntry] = [:]

        mutating func put(_ id: String, _ entry: YAMLEntry) {
            if entries[id] == nil { order.append(id) }
            entries[id] = entry
        }

        var all: [(id: String, entry: YAMLEntry)] { order.compactMap { id in entries[id].map { (id, $0) } } }
        func contains(_ id: String) -> Bool { entries[id] != nil }
    }

    var facts = Table()
    var categories = Table()
    var symptoms = Table()
    var providers = Table()
    var rules = Table()
    var diagnoses = Table()
    var remediations = Table()
    var questions = Table()
    var vocabulary = Table()
    var situations = Table()
    var priors = Table()
    var sourceWeights = Table()
    var basicCodes = Table()
    var enhancedCodes = Table()
    var enhancedClasses = Table()
    var enhancedSubjects = Table()
    var stagePhrases = Table()
    var bounceWording = Table()

    /// Adds one layer; entries whose id is already known are replaced.
    mutating func add(_ layer: RuleLayer, log: ProblemLog) {
        var seenInLayer: [String: SourceLocation] = [:]
        for file in layer.files {
            guard let root = parse(file, log: log) else { continue }
            let entry = YAMLEntry(node: root, file: file.displayPath, log: log, isVerified: layer.isVerified)
            add(entry, path: file.relativePath, seen: &seenInLayer)
        }
    }

    private func parse(_ file: RuleFile, log: ProblemLog) -> RuleNode? {
        if let compiled = file.compiled {
            if let node = RuleNode(compactEncoding: compiled) { return node }
            log.report(SourceLocation(file: file.displayPath, line: 0), "the compiled form of this file is damaged")
            return nil
        }
        do {
            return try RuleNode.parse(yaml: file.text)
        } catch {
            log.report(SourceLocation(file: file.displayPath, line: error.line), error.message)
        }
        return nil
    }

    private mutating func add(_ root: YAMLEntry, path: String, seen: inout [String: SourceLocation]) {
        let folder = path.split(separator: "/").first.map(String.init) ?? path
        switch (folder, path) {
        case (_, "facts.yaml"), ("facts", _):
            for (name, value) in root.pairs("a facts file") { put(\.facts, "fact", name, value, &seen) }
        case (_, "categories.yaml"):
            keyed(root, "categories file", key: "id", into: \.categories, kind: "category", &seen)
        case (_, "questions.yaml"):
            keyed(root, "questions file", key: "id", into: \.questions, kind: "question", &seen)
        case (_, "symptoms.yaml"):
            keyed(root, "symptoms file", key: "id", into: \.symptoms, kind: "symptom", &seen)
        case ("codes", _):
            if case .sequence = root.node {
                keyed(root, "a codes file", key: "code", into: \.basicCodes, kind: "code", &seen)
            } else {
                root.rejectUnknownKeys(["classes", "subjects", "codes"], in: "an enhanced-codes file")
                if let classes = root["classes"] {
                    keyed(classes, "'classes'", key: "class", into: \.enhancedClasses, kind: "class", &seen)
                }
                if let subjects = root["subjects"] {
                    keyed(subjects, "'subjects'", key: "subject", into: \.enhancedSubjects, kind: "subject", &seen)
                }
                if let codes = root["codes"] {
                    keyed(codes, "'codes'", key: "code", into: \.enhancedCodes, kind: "enhanced code", &seen)
                }
            }
        case ("providers", _):
            if let id = root.required("id") { put(\.providers, "provider", id, root, &seen) }
        case ("rules", _):
            keyed(root, "a rules file", key: "id", into: \.rules, kind: "rule", &seen)
        case ("diagnoses", _):
            keyed(root, "a diagnoses file", key: "id", into: \.diagnoses, kind: "diagnosis", &seen)
        case ("remediations", _):
            keyed(root, "a remediations file", key: "id", into: \.remediations, kind: "remediation", &seen)
        case ("vocabulary", _):
            keyed(root, "a vocabulary file", key: "id", into: \.vocabulary, kind: "vocabulary entry", &seen)
        case ("situations", _):
            keyed(root, "a situations file", key: "id", into: \.situations, kind: "situation", &seen)
        case (_, "stage-phrases.yaml"):
            keyed(root, "a stage-phrases file", key: "phrase", into: \.stagePhrases, kind: "stage phrase", &seen)
        case (_, "bounce-wording.yaml"):
            keyed(root, "a bounce-wording file", key: "phrase", into: \.bounceWording, kind: "bounce phrase", &seen)
        case (_, "priors.yaml"):
            keyed(root, "a priors file", key: "diagnosis", into: \.priors, kind: "prior", &seen)
        case (_, "fact-sources.yaml"):
            keyed(root, "a fact-sources file", key: "source", into: \.sourceWeights, kind: "fact source", &seen)
        default:
            root.log.report(
                SourceLocation(file: root.file, line: 1),
                "unexpected file: knowledge-base files are facts.yaml, facts/, categories.yaml, symptoms.yaml, "
                    + "questions.yaml, priors.yaml, fact-sources.yaml, stage-phrases.yaml, bounce-wording.yaml, codes/, providers/, rules/, diagnoses/, remediations/, situations/ and "
                    + "vocabulary/")
        }
    }

    private mutating func keyed(
        _ list: YAMLEntry, _ what: String, key: String, into table: WritableKeyPath<RawKnowledge, Table>,
        kind: String, _ seen: inout [String: SourceLocation]
    ) {
        for item in list.items(what) {
            guard let id = item.required(key) else { continue }
            put(table, kind, id, item, &seen)
        }
    }

    private mutating func put(
        _ table: WritableKeyPath<RawKnowledge, Table>, _ kind: String, _ id: String, _ entry: YAMLEntry,
        _ seen: inout [String: SourceLocation]
    ) {
        let key = "\(kind) \(id)"
        if let first = seen[key] {
            entry.report("duplicate \(kind) '\(id)' (first defined at \(first))")
            return
        }
        seen[key] = entry.location
        self[keyPath: table].put(id, entry)
    }
}
