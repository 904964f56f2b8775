extension KnowledgeBaseBuilder {
    // MARK: - Questions

    /// Builds the interview questions, checking every fact and value they set.
    func buildQuestions(
        _ compiler: ConditionCompiler, providers: [ProviderProfile], symptoms: [Symptom],
        diagnoses: [DiagnosisDefinition]
    ) -> [Question] {
        raw.questions.all.compactMap { id, entry in
            entry.rejectUnknownKeys(
                [
                    "id", "text", "help", "kind", "cost", "answers", "answers-from", "yes", "no", "yes-words",
                    "no-words", "sets-fact", "host-facts", "port-fact", "ask-when", "lookup",
                ],
                in: "question '\(id)'")
            guard let text = entry.required("text"), let kindName = entry.required("kind") else { return nil }
            guard let kind = QuestionKind(rawValue: kindName) else {
                entry["kind"]?.report(
                    "question '\(id)': unknown kind '\(kindName)'; use one of: "
                        + QuestionKind.allCases.map(\.rawValue).joined(separator: ", "))
                return nil
            }
            let cost = entry.optional("cost").map { Double($0) } ?? 1
            guard let cost, cost > 0, cost <= 10 else {
                entry["cost"]?.report("question '\(id)': cost must be a number above 0 and at most 10")
                return nil
            }
            var question = Question(
                id: id, text: text, help: entry.optional("help"), kind: kind, cost: cost, answers: [], textFacts: [],
                portFact: nil, askWhen: entry["ask-when"].flatMap { compiler.compile($0) }, location: entry.location)
            if let lookup = entry.optional("lookup") {
                question.lookup = QuestionLookup(rawValue: lookup)
                if question.lookup == nil {
                    entry["lookup"]?.report(
                        "question '\(id)': unknown lookup '\(lookup)'; use one of: "
                            + QuestionLookup.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            switch kind {
            case .yesNo:
                for word in ["yes", "no"] {
                    guard let sets = entry[word] else {
                        entry.report("yes-no question '\(id)' needs '\(word)': the facts that answer sets")
                        continue
                    }
                    question.answers.append(
                        QuestionAnswer(
                            id: word, label: word, facts: assignments(sets, compiler), errorText: nil,
                            words: entry.texts("\(word)-words").map { $0.lowercased() }))
                }
            case .choice:
                question.answers = choices(entry, id, compiler, providers, symptoms)
            case .text:
                guard let name = entry.required("sets-fact") else { return nil }
                question.textFacts = textFacts([name], entry["sets-fact"] ?? entry, compiler)
            case .hostPort:
                question.textFacts = textFacts(entry.texts("host-facts"), entry["host-facts"] ?? entry, compiler)
                if let port = entry.optional("port-fact"), let portEntry = entry["port-fact"] {
                    question.portFact = factReference(port, portEntry, compiler, type: .int)
                }
                if question.textFacts.isEmpty {
                    entry.report("host-port question '\(id)' needs 'host-facts': the facts the host name sets")
                }
                question.answers = hostPortCandidates(question, providers: providers, diagnoses: diagnoses)
            case .error:
                break
            }
            if [.yesNo, .choice].contains(kind), question.answers.isEmpty {
                entry.report("question '\(id)' has no answers")
            }
            return question
        }
    }

    private func choices(
        _ entry: YAMLEntry, _ id: String, _ compiler: ConditionCompiler, _ providers: [ProviderProfile],
        _ symptoms: [Symptom]
    ) -> [QuestionAnswer] {
        var answers: [QuestionAnswer] = []
        if let from = entry.optional("answers-from") {
            if from == "providers", let provider = compiler.reference("provider") {
                answers += providers.map {
                    QuestionAnswer(id: $0.id, label: $0.name, facts: [(provider, .string($0.id))], errorText: nil)
                }
            } else if from == "symptoms" {
                answers += symptoms.compactMap { symptom in
                    compiler.reference(symptom.factName).map {
                        QuestionAnswer(id: symptom.id, label: symptom.title, facts: [($0, .bool(true))], errorText: nil)
                    }
                }
            } else {
                entry["answers-from"]?.report(
                    "question '\(id)': answers-from must be 'providers' or 'symptoms', not '\(from)'")
            }
        }
        var seen = Set(answers.map(\.id))
        for item in entry["answers"]?.items("'answers'") ?? [] {
            item.rejectUnknownKeys(["id", "label", "sets", "words"], in: "an answer")
            guard let answerID = item.required("id") else { continue }
            guard seen.insert(answerID).inserted else {
                item.report("question '\(id)': duplicate answer '\(answerID)'")
                continue
            }
            if ["unknown", "back", "quit", "why"].contains(answerID) {
                item.report("question '\(id)': '\(answerID)' is a reserved word and cannot be an answer id")
            }
            let facts = item["sets"].map { assignments($0, compiler) } ?? []
            answers.append(
                QuestionAnswer(
                    id: answerID, label: item.optional("label") ?? answerID, facts: facts, errorText: nil,
                    words: item.texts("words").map { $0.lowercased() }))
        }
        return answers
    }

    private func assignments(_ entry: YAMLEntry, _ compiler: ConditionCompiler) -> [(FactReference, FactValue)] {
        entry.pairs("the facts an answer sets").compactMap { name, value in compiler.assignment(name, value) }
    }

    private func textFacts(_ names: [String], _ entry: YAMLEntry, _ compiler: ConditionCompiler) -> [FactReference] {
        names.compactMap { factReference($0, entry, compiler, type: nil) }
    }

    private func factReference(
        _ name: String, _ entry: YAMLEntry, _ compiler: ConditionCompiler, type: FactType?
    ) -> FactReference? {
        guard let reference = compiler.reference(name), let declaration = compiler.declaration(name) else {
            entry.report("fact '\(name)' is not declared in facts.yaml")
            return nil
        }
        if let type, declaration.type != type {
            entry.report("fact '\(name)' is \(declaration.type.rawValue); this question needs a \(type.rawValue) fact")
            return nil
        }
        if type == nil, ![.string, .text].contains(declaration.type) {
            entry.report("fact '\(name)' is \(declaration.type.rawValue); free text can only set string or text facts")
            return nil
        }
        return reference
    }

    /// The host-port answers worth weighing: every server a provider profile names, so that the host recognises
    /// the provider, and every port the rules compare the port fact with.
    private func hostPortCandidates(
        _ question: Question, providers: [ProviderProfile], diagnoses: [DiagnosisDefinition]
    ) -> [QuestionAnswer] {
        var answers: [QuestionAnswer] = []
        var seen = Set<String>()
        for provider in providers {
            for setting in provider.settings {
                guard let host = HostPort(parsing: setting.host)?.host else { continue }
                let answer = HostPort(host: host, port: setting.port)
                guard seen.insert(answer.description).inserted else { continue }
                answers.append(question.answer(for: answer))
            }
        }
        if let portFact = question.portFact {
            let ports = diagnoses.flatMap { $0.evidence }.flatMap { $0.condition.equalityValues(of: portFact.index) }
            for case .int(let port) in ports {
                let answer = HostPort(host: "mail.example.com", port: port)
                guard seen.insert(answer.description).inserted else { continue }
                answers.append(question.answer(for: answer))
            }
        }
        return answers
    }
}

extension Condition {
    /// The values an equality test on the fact compares with, anywhere in the condition.
    func equalityValues(of index: Int) -> [FactValue] {
        switch self {
        case .test(let fact, .equals(let value)) where fact.index == index: return [value]
        case .test(let fact, .oneOf(let values)) where fact.index == index: return values
        case .test: return []
        case .all(let parts), .any(let parts): return parts.flatMap { $0.equalityValues(of: index) }
        case .not(let inner): return inner.equalityValues(of: index)
        }
    }
}
