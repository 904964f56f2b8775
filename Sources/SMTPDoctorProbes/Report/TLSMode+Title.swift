extension TLSMode {
    /// The mode as the reports name it: `STARTTLS if offered`, `STARTTLS`, `implicit TLS`, `no TLS`.
    public var title: String {
        switch self {
        case .auto: return "STARTTLS if offered"
        case .starttls: return "STARTTLS"
        case .implicit: return "implicit TLS"
        case .none: return "no TLS"
        }
    }
}
