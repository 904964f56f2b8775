/// The lookup limits of RFC 7208 section 4.6.4, counted over the whole chain of includes and redirects.
public struct SPFLimits: Sendable, Hashable {
    /// Mechanisms and modifiers that cost a DNS lookup (include, a, mx, ptr, exists, redirect).
    public var lookups = 0
    /// Lookups that found no record or no such name.
    public var voidLookups = 0

    /// At most 10 lookups.
    public static let maximumLookups = 10
    /// At most 2 void lookups.
    public static let maximumVoidLookups = 2

    /// Whether the lookups are over the limit.
    public var lookupsExceeded: Bool { lookups > Self.maximumLookups }
    /// Whether the void lookups are over the limit.
    public var voidLookupsExceeded: Bool { voidLookups > Self.maximumVoidLookups }
}
