/// Something a person observes, such as duplicate messages; declares the yes/no fact `symptom.<id>`.
public struct Symptom: Sendable {
    /// The symptom id, such as `duplicate-messages`.
    public var id: String
    /// What the person sees.
    public var title: String
    /// Phrases in a pasted text that reveal the symptom.
    public var phrases: [RegularExpression]
    /// Where it is written.
    public var location: SourceLocation

    /// The name of the fact the symptom declares.
    public var factName: String { "symptom.\(id)" }
}
