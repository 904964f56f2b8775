import FuzzSupport

@testable import SMTPDoctorCore

/// Exchange protocol and message-tracking log lines, `#Fields:` headers included, one line at a time through one parser, as `analyze` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLines(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var parser = ExchangeLogParser(input: "fuzz")
    FuzzInput(start, count).forEachLine { line, number in
        if case .events(let events) = parser.parse(line, number: number) { _ = events.count }
    }
    return 0
}

/// The program: libFuzzer running `fuzzLogLines`.
@main
enum LogLinesFuzzer {
    static func main() {
        FuzzDriver.run { fuzzLogLines($0, $1) }
    }
}
