/// Renders an ``InterviewStepDocument`` as the JSON the interview API answers with.
public enum InterviewStepJSONRenderer {
    /// The document as pretty-printed JSON with sorted keys, ending in a newline.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public static func render(_ step: InterviewStepDocument) throws(RenderError) -> String {
        try RenderError.json(step, naming: "the interview step") + "\n"
    }
}
