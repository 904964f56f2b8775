// Measures in-process diagnosis throughput: the built-in knowledge base, a list of error texts, many rounds.
//
// Usage: diagnose-benchmark ERRORS.txt [SECONDS]
// Prints the load time of the knowledge base (from the image the program starts from, and from the files as when
// folders are layered over it) and the number of diagnoses per second.
import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: diagnose-benchmark ERRORS.txt [SECONDS]\n".utf8))
    exit(64)
}
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 3 : 3
let texts = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }

let loadStart = ContinuousClock.now
// Read from the image alone: a damaged image must fail here rather than fall back to the files unnoticed.
guard let knowledgeBase = DefaultRules.image.flatMap(KnowledgeBase.init(image:)) else {
    FileHandle.standardError.write(Data("diagnose-benchmark: the built-in knowledge image does not read\n".utf8))
    exit(65)
}
let loadTime = ContinuousClock.now - loadStart
// The same knowledge base from its files, checked as it is when `--rules` folders are layered over it.
let filesStart = ContinuousClock.now
let fromFiles = try? KnowledgeBase.load([RuleLayer(files: RuleLayer.builtIn.files, isVerified: true)])
let filesLoadTime = ContinuousClock.now - filesStart
let engine = InferenceEngine(knowledgeBase: knowledgeBase)

/// CPU time used by this process, in seconds: unlike wall time, it does not depend on what else the machine runs.
func processorSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

var diagnosed = 0
var recognised = 0
let processorStart = processorSeconds()
let start = ContinuousClock.now
let deadline = start + .seconds(seconds)
while ContinuousClock.now < deadline {
    for text in texts {
        let result = engine.diagnose(Evidence(errors: [text]))
        if result.isRecognised { recognised += 1 }
        diagnosed += 1
    }
}
let elapsed = ContinuousClock.now - start
let processor = processorSeconds() - processorStart
let perSecond = Double(diagnosed) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
print("texts: \(texts.count)")
print("knowledge base load: \(loadTime) from the built-in image")
print("knowledge base load: \(filesLoadTime) from the files\(fromFiles == nil ? " (failed)" : "")")
print("diagnoses: \(diagnosed) in \(elapsed) (\(recognised) recognised)")
print("diagnoses per second: \(Int(perSecond)) (wall clock)")
print("diagnoses per CPU second: \(Int(Double(diagnosed) / processor))")
