extension KnowledgeBase {
    /// What is wrong with a fact as this knowledge base declares its facts: an undeclared name, a value of the
    /// wrong type, or a value an `enum` fact does not list; nil when the fact is declared and its value fits.
    public func problem(with fact: Fact) -> String? {
        guard let index = factIndex[fact.name] else { return "undeclared fact '\(fact.name)'" }
        let declaration = facts[index]
        switch (declaration.type, fact.value) {
        case (.int, .int), (.bool, .bool), (.string, .string), (.text, .string):
            return nil
        case (.enum, .string(let value)):
            guard
                declaration.values.isEmpty
                    || declaration.values.contains(where: { $0.lowercased() == value.lowercased() })
            else { return "'\(value)' is not a value of '\(fact.name)'" }
            return nil
        default:
            return "'\(fact.value)' is not of type \(declaration.type.rawValue) for '\(fact.name)'"
        }
    }
}

extension FactSource.Kind {
    /// Facts of this kind are made by the program's own code (a parser, the probe, the DNS check), not typed by
    /// the user: an undeclared one is a programming error.
    var isProgramMade: Bool {
        switch self {
        case .errorText, .probe, .log, .dns: return true
        case .option, .rule, .answer: return false
        }
    }
}
