/// The anti-forgery token a web form carries in a hidden field: the field's name and the token.
public struct FormToken: Sendable {
    /// The name of the hidden field.
    public var field: String
    /// The token, as the cookie holds it.
    public var value: String

    /// Creates the hidden field `field` holding `value`.
    public init(field: String, value: String) {
        self.field = field
        self.value = value
    }
}
