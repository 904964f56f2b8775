extension SMTPReplyDecoder.Problem {
    /// The value of the `probe.protocol-error` fact.
    var factValue: String {
        switch self {
        case .lineTooLong: return "line-too-long"
        case .tooManyLines: return "too-many-lines"
        case .malformed: return "malformed"
        case .tlsData: return "tls-data"
        }
    }
}
