// The generated `DefaultRules` enum (see Plugins/EmbedRules) holds the YAML files; this target has no other code.
