/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`.
///
/// Written by hand; a test checks that it names exactly the routes in ``ServeApplication/apiRoutes``.
enum OpenAPIDocument {
    static let text = """
        {
          "openapi": "3.1.0",
          "info": {
            "title": "smtp-doctor",
            "version": "1",
            "description": "Diagnoses failing email delivery. Each operation answers with the JSON document the command line writes with --format json."
          },
          "paths": {
            "/api/diagnose": {
              "post": {
                "summary": "Rank the causes of an error text (smtp-doctor diagnose --format json).",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "required": ["errors"],
                        "properties": {
                          "errors": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 20 },
                          "provider": { "type": ["string", "null"], "description": "A provider id or alias, such as o365." }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": { "description": "The diagnosis (schemaVersion 1).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Diagnosis" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "413": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/probe": {
              "post": {
                "summary": "Test an SMTP server (smtp-doctor probe --format json). Rate-limited per client.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "required": ["host"],
                        "properties": {
                          "host": { "type": "string", "maxLength": 253 },
                          "port": { "type": "integer", "minimum": 1, "maximum": 65535, "default": 587 },
                          "security": { "type": "string", "enum": ["auto", "none", "starttls", "implicit"], "default": "auto" },
                          "auth": { "type": "string", "enum": ["none", "basic", "oauth2"] },
                          "user": { "type": "string", "maxLength": 320 },
                          "password": { "type": "string", "maxLength": 8192, "description": "Password or OAuth 2.0 token; never stored, logged or returned." },
                          "from": { "type": "string", "maxLength": 320 },
                          "to": { "type": "string", "maxLength": 320 },
                          "sendTest": { "type": "boolean", "default": false },
                          "allowUntrustedCertificate": { "type": "boolean", "default": false }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": { "description": "The probe report with its verdict and exitCode.", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "403": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" },
                  "429": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/analyze": {
              "post": {
                "summary": "Analyse a log or bounce file sent as the body (smtp-doctor analyze --format json).",
                "requestBody": {
                  "required": true,
                  "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } }
                },
                "responses": {
                  "200": { "description": "The analysis.", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "413": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/check-domain": {
              "post": {
                "summary": "Check a domain's mail DNS (smtp-doctor check-domain --format json).",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "required": ["domain"],
                        "properties": {
                          "domain": { "type": "string" },
                          "ip": { "type": "string", "description": "The sending server's IPv4 or IPv6 address." },
                          "selectors": { "type": "array", "items": { "type": "string" }, "maxItems": 10 }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": { "description": "The findings and the causes they point to.", "content": { "application/json": { "schema": { "type": "object" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/healthz": {
              "get": {
                "summary": "Whether the server runs (needs no sign-in).",
                "responses": { "200": { "description": "Running.", "content": { "application/json": { "schema": { "type": "object" } } } } }
              }
            },
            "/openapi.json": {
              "get": {
                "summary": "This document.",
                "responses": { "200": { "description": "The OpenAPI document.", "content": { "application/json": { "schema": { "type": "object" } } } } }
              }
            }
          },
          "components": {
            "schemas": {
              "Diagnosis": {
                "type": "object",
                "required": ["schemaVersion", "tool", "facts", "diagnoses", "checklist"],
                "properties": {
                  "schemaVersion": { "type": "integer", "const": 1 },
                  "tool": { "type": "object" },
                  "facts": { "type": "array", "items": { "type": "object" } },
                  "diagnoses": { "type": "array", "items": { "type": "object" } },
                  "checklist": { "type": "array", "items": { "type": "object" } }
                }
              },
              "Problem": {
                "type": "object",
                "required": ["error"],
                "properties": { "error": { "type": "object", "properties": { "message": { "type": "string" } } } }
              }
            },
            "responses": {
              "Problem": { "description": "What to change.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
            },
            "securitySchemes": {
              "basic": { "type": "http", "scheme": "basic" },
              "bearer": { "type": "http", "scheme": "bearer" }
            }
          }
        }

        """
}
