import Foundation

/// Turns the `if:` of a rule into a `Condition`, checking fact names, value types and regular expressions.
///
/// ```yaml
/// { reply.code: 535, error.text: { contains: ["credentials invalid", "badcredentials"] } }
/// ```
struct ConditionCompiler {
    private let declarations: [String: (index: Int, declaration: FactDeclaration)]
    /// Where the phrases of `contains` and the literals of `matches` get their ids.
    let catalog: PhraseCatalog

    init(facts: [FactDeclaration], catalog: PhraseCatalog) {
        self.catalog = catalog
        var declarations: [String: (Int, FactDeclaration)] = [:]
        for (index, fact) in facts.enumerated() { declarations[fact.name] = (index, fact) }
        self.declarations = declarations
    }

    /// A reference to a declared fact, or `nil` when it is not declared.
    func reference(_ name: String) -> FactReference? {
        declarations[name].map { FactReference(name: name, index: $0.index) }
    }

    /// The declaration of a fact, or `nil` when it is not declared.
    func declaration(_ name: String) -> FactDeclaration? {
        declarations[name]?.declaration
    }

    /// Compiles a condition; reports every problem and returns `nil` if there was one.
    func compile(_ entry: YAMLEntry) -> Condition? {
        let pairs = entry.pairs("a condition")
        if pairs.isEmpty {
            if case .mapping = entry.node { entry.report("a condition must not be empty") }
            return nil
        }
        var parts: [Condition] = []
        var failed = false
        for (key, value) in pairs {
            let part: Condition?
            switch key {
            case "all", "any":
                let items = value.items("'\(key)'")
                if items.isEmpty { value.report("'\(key)' needs at least one condition") }
                let compiled = items.compactMap(compile)
                part =
                    compiled.count < items.count || items.isEmpty
                    ? nil : (key == "all" ? .all(compiled) : .any(compiled))
            case "not":
                part = compile(value).map { .not($0) }
            default:
                part = test(key, value)
            }
            if let part { parts.append(part) } else { failed = true }
        }
        guard !failed else { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    /// Compiles one `fact: value` of a rule's `then:`.
    func assignment(_ name: String, _ entry: YAMLEntry) -> (fact: FactReference, value: FactValue)? {
        guard let (index, declaration) = declared(name, entry) else { return nil }
        guard let text = entry.text("the value of '\(name)'"), let value = parse(text, as: declaration, entry) else {
            return nil
        }
        if declaration.type == .text, !checkTemplate(text, of: name, entry) { return nil }
        return (FactReference(name: name, index: index), value)
    }

    /// A text a rule sets is a ``FactTemplate``: its braces and brackets must close and each fact it names must be
    /// declared.
    private func checkTemplate(_ text: String, of name: String, _ entry: YAMLEntry) -> Bool {
        do {
            let template = try FactTemplate(parsing: text)
            let undeclared = template.factNames.filter { declarations[$0] == nil }
            for fact in undeclared {
                entry.report("the value of '\(name)' names fact '\(fact)', which is not declared")
            }
            return undeclared.isEmpty
        } catch {
            entry.report("the value of '\(name)' is not a well-formed sentence: \(error.message)")
            return false
        }
    }

    // MARK: - Tests on one fact

    private func declared(_ name: String, _ entry: YAMLEntry) -> (Int, FactDeclaration)? {
        guard let found = declarations[name] else {
            entry.report("fact '\(name)' is not declared in facts.yaml")
            return nil
        }
        return found
    }

    private func test(_ name: String, _ entry: YAMLEntry) -> Condition? {
        guard let (index, declaration) = declared(name, entry) else { return nil }
        let fact = FactReference(name: name, index: index)
        switch entry.node {
        case .scalar(let text, _):
            return parse(text, as: declaration, entry).map { .test(fact, .equals($0.folded)) }
        case .sequence:
            let values = entry.items("a list of values").compactMap { item in
                item.text("a value").flatMap { parse($0, as: declaration, item) }
            }
            return values.isEmpty ? nil : .test(fact, .oneOf(values.map(\.folded)))
        case .mapping:
            let pairs = entry.pairs("an operator")
            guard pairs.count == 1, let (op, operand) = pairs.first else {
                entry.report("a test on '\(name)' takes exactly one operator")
                return nil
            }
            return operation(op, operand, fact, declaration).map { .test(fact, $0) }
        }
    }

    private func operation(
        _ op: String, _ operand: YAMLEntry, _ fact: FactReference, _ declaration: FactDeclaration
    ) -> FactTest? {
        let isText = [.string, .text, .enum].contains(declaration.type)
        switch op {
        case "prefix", "contains", "matches":
            guard isText else {
                operand.report("'\(op)' works on text facts; '\(fact.name)' is \(declaration.type.rawValue)")
                return nil
            }
            if op == "prefix" { return operand.text("'prefix'").map { .prefix($0.lowercased()) } }
            if op == "contains" {
                let phrases = phrases(operand)
                let lowered = phrases.map { $0.lowercased() }
                return lowered.isEmpty ? nil : .contains(lowered, ids: lowered.map { catalog.id(for: $0) })
            }
            guard let pattern = operand.text("'matches'"), let expression = operand.regularExpression(pattern) else {
                return nil
            }
            return .matches(catalog.register(expression))
        case "exists":
            guard let text = operand.text("'exists'"), let flag = Bool(text) else {
                operand.report("'exists' takes true or false")
                return nil
            }
            return .exists(flag)
        case "not":
            return operand.text("'not'").flatMap { parse($0, as: declaration, operand) }.map { .notEqual($0.folded) }
        case "gt", "gte", "lt", "lte", "between":
            guard declaration.type == .int else {
                operand.report("'\(op)' works on numbers; '\(fact.name)' is \(declaration.type.rawValue)")
                return nil
            }
            return range(op, operand)
        default:
            operand.report(
                "unknown operator '\(op)'; use prefix, contains, matches, exists, not, gt, gte, lt, lte or between")
            return nil
        }
    }

    private func phrases(_ operand: YAMLEntry) -> [String] {
        if let text = operand.node.text { return [text] }
        return operand.items("'contains'").compactMap { $0.text("a phrase") }
    }

    private func range(_ op: String, _ operand: YAMLEntry) -> FactTest? {
        func number(_ entry: YAMLEntry) -> Int? {
            guard let text = entry.text("a number"), let value = Int(text) else {
                entry.report("'\(op)' takes whole numbers")
                return nil
            }
            return value
        }
        if op == "between" {
            let bounds = operand.items("'between'").compactMap(number)
            guard bounds.count == 2 else {
                operand.report("'between' takes two numbers: [low, high]")
                return nil
            }
            return .range(lower: bounds[0], upper: bounds[1], label: "between \(bounds[0]) and \(bounds[1])")
        }
        guard let value = number(operand) else { return nil }
        switch op {
        case "gt": return .range(lower: value + 1, upper: nil, label: "> \(value)")
        case "gte": return .range(lower: value, upper: nil, label: ">= \(value)")
        case "lt": return .range(lower: nil, upper: value - 1, label: "< \(value)")
        default: return .range(lower: nil, upper: value, label: "<= \(value)")
        }
    }

    /// Reads a rule's value as the fact's type, checking enum values.
    private func parse(_ text: String, as declaration: FactDeclaration, _ entry: YAMLEntry) -> FactValue? {
        switch declaration.type {
        case .int:
            guard let value = Int(text) else {
                entry.report("'\(declaration.name)' is a number; '\(text)' is not")
                return nil
            }
            return .int(value)
        case .bool:
            guard let value = Bool(text.lowercased()) ?? ["yes": true, "no": false][text.lowercased()] else {
                entry.report("'\(declaration.name)' is yes/no; '\(text)' is neither")
                return nil
            }
            return .bool(value)
        case .enum:
            guard declaration.values.contains(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) else {
                entry.report(
                    "'\(text)' is not a value of '\(declaration.name)'; allowed: \(declaration.values.joined(separator: ", "))"
                )
                return nil
            }
            return .string(text)
        case .string, .text:
            return .string(text)
        }
    }
}

extension FactValue {
    /// Text lower-cased, as conditions compare it; other values unchanged.
    fileprivate var folded: FactValue {
        if case .string(let text) = self { return .string(text.lowercased()) }
        return self
    }
}
