// Writes the default knowledge base (every YAML file under Rules/) into a Swift source file, so that the
// smtp-doctor binary carries its knowledge with it and works when copied alone into an empty folder.
// Each file is parsed here, at build time, and stored in the compact form of `RuleNode`, which loads far faster
// than YAML; a file that does not parse is stored as text so that the program reports its error at file:line.
// The whole knowledge base is then loaded and checked in full, and when it is valid its image
// (`KnowledgeBase.image`: the final tables, regular expressions' literals and the phrase matcher) is stored too, so
// that the program starts from it without checking or compiling anything: its strings as literals of their own, its
// body as one more. Layered folders are read from the files.
//
// Usage: RulesEmbedder RULES_DIR OUTPUT.swift
import Foundation
import SMTPDoctorCore

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: RulesEmbedder RULES_DIR OUTPUT.swift\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

var files: [(path: String, text: String)] = []
let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
while let url = enumerator?.nextObject() as? URL {
    guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
    let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("RulesEmbedder: cannot read \(url.path) as UTF-8\n".utf8))
        exit(65)
    }
    files.append((path, text))
}
files.sort { $0.path < $1.path }

/// A raw string literal delimiter long enough that the text cannot end it.
func delimiter(for text: String) -> String {
    var longest = 0
    var run = 0
    var afterQuote = false
    for character in text {
        if character == "\"" {
            afterQuote = true
            run = 0
        } else if character == "#" && afterQuote {
            run += 1
            longest = max(longest, run)
        } else {
            afterQuote = false
            run = 0
        }
    }
    return String(repeating: "#", count: longest + 1)
}

var source = """
    // Generated from Rules/ at build time by the EmbedRules plugin. Do not edit.
    import SMTPDoctorCore

    /// The default knowledge base: every file of Rules/, as (path inside Rules/, YAML text, compiled form).
    public enum DefaultRules {
        /// The files, sorted by path; `text` is empty where `compiled` holds the parsed file.
        public static let files: [(path: String, text: String, compiled: String?)] = [

    """
/// The text as a raw multi-line string literal.
func literal(_ text: String) -> String {
    let hashes = delimiter(for: text)
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

/// The text as a one-line string literal: quotes, backslashes and control characters escaped, the rest as it is.
func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

var ruleFiles: [RuleFile] = []
for file in files {
    // Multi-line literals turn CR LF into LF, which would change the byte counts of the compact form.
    let compiled = file.text.contains("\r") ? nil : (try? RuleNode.parse(yaml: file.text))?.compactEncoding
    if let compiled {
        source += "        (\"\(file.path)\", \"\", \(literal(compiled))),\n"
    } else {
        source += "        (\"\(file.path)\", \(literal(file.text)), nil),\n"
    }
    ruleFiles.append(
        RuleFile(relativePath: file.path, displayPath: "Rules/\(file.path)", text: file.text, compiled: compiled))
}
source += "    ]\n\n"
// An invalid knowledge base gets no image: the program then loads the files and reports every problem.
if let image = (try? KnowledgeBase.load([RuleLayer(files: ruleFiles)]))?.image {
    // Each string is a literal of its own, each page an array: the optimiser lays out a global array of literals as
    // a constant, so the program starts with every string made.
    source += """
            /// The knowledge base compiled and checked at build time (`KnowledgeBase.image`); `nil` when it has problems.
            public static let image: KnowledgeImage? = KnowledgeImage(
                stringPages: [\((0..<image.stringPages.count).map { "imageStrings\($0)" }.joined(separator: ", "))],
                body: \(literal(image.body)))

        """
    for (index, strings) in image.stringPages.enumerated() {
        source += "    private static let imageStrings\(index): [String] = [\n"
        for string in strings { source += "        \(quoted(string)),\n" }
        source += "    ]\n"
    }
} else {
    source += """
            /// The knowledge base compiled and checked at build time (`KnowledgeBase.image`); `nil` when it has problems.
            public static let image: KnowledgeImage? = nil

        """
}
source += "}\n"
do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("RulesEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(73)
}
