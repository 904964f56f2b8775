import FuzzSupport
import Mustache

/// A `--template` folder: templates separated by NUL, each a name on its first line and Mustache text after it.
/// The loader refuses a folder whose templates include themselves, then parses and renders the rest; neither step
/// may crash or recurse without end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var templates: [String: String] = [:]
    for chunk in FuzzInput(start, count).text.split(separator: "\0", omittingEmptySubsequences: false) {
        let parts = chunk.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts.first.map(String.init) ?? ""
        templates[name.isEmpty ? "report.html" : name] = parts.count > 1 ? String(parts[1]) : ""
    }
    guard TemplateInclusions(templates).firstCycle() == nil else { return 0 }
    var library = MustacheLibrary()
    for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
        do {
            try library.register(text, named: name)
        } catch {
            return 0
        }
    }
    let context: [String: Any] = [
        "title": "<b>&\u{1B}", "items": [["name": "a"], ["name": "b"]], "flag": true, "empty": [String](),
    ]
    for name in templates.keys.sorted() { _ = library.render(context, withTemplate: name) }
    return 0
}

/// The program: libFuzzer running `fuzzTemplate`.
@main
enum TemplateFuzzer {
    static func main() {
        FuzzDriver.run { fuzzTemplate($0, $1) }
    }
}
