import FuzzSupport

/// What a hostile server sends, split into lines as the connection's line framer does: the decoder either returns
/// replies, waits for more, or throws one of its problems.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplyDecoder(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var decoder = SMTPReplyDecoder(limits: .init(maximumLineLength: 512, maximumLines: 20))
    FuzzInput(start, count).forEachLine { line, _ in
        do throws(SMTPReplyDecoder.Problem) {
            if let reply = try decoder.decode(line: String(decoding: line, as: UTF8.self)) {
                _ = (reply.enhanced, reply.text, reply.wireLines, reply.summary)
            }
        } catch {
            _ = error.description
            decoder = SMTPReplyDecoder(limits: decoder.limits)
        }
    }
    return 0
}

/// The program: libFuzzer running `fuzzReplyDecoder`.
@main
enum ReplyDecoderFuzzer {
    static func main() {
        FuzzDriver.run { fuzzReplyDecoder($0, $1) }
    }
}
