import FuzzLogLines
import FuzzSupport

/// Exchange protocol and message-tracking log lines, `#Fields:` headers included, one line at a time through one parser, as `analyze` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLines(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzInput(start, count).feedLines(to: .exchange)
    return 0
}

/// The program: libFuzzer running `fuzzLogLines`.
@main
enum LogLinesFuzzer {
    static func main() {
        FuzzDriver.run { fuzzLogLines($0, $1) }
    }
}
