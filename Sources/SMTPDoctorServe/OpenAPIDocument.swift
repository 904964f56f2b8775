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
            "/api/interview/start": {
              "post": {
                "summary": "Begin an interview: the first question (answers given in the body count as answered).",
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewAnswers" } } }
                },
                "responses": {
                  "200": { "description": "The answers to send next time, and the next question or why the interview ended.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewStep" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "413": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/interview/answer": {
              "post": {
                "summary": "Answer a question: the answers so far, the question's id, and the answer (null: unknown).",
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewAnswer" } } }
                },
                "responses": {
                  "200": { "description": "The answers to send next time, and the next question or why the interview ended.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewStep" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "413": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/interview/back": {
              "post": {
                "summary": "Undo the last of the answers sent.",
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewAnswers" } } }
                },
                "responses": {
                  "200": { "description": "The answers to send next time, and the next question or why the interview ended.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewStep" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "413": { "$ref": "#/components/responses/Problem" },
                  "415": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/api/interview/result": {
              "post": {
                "summary": "The conclusion of the answers sent, as smtp-doctor interview --format json writes it.",
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InterviewAnswers" } } }
                },
                "responses": {
                  "200": { "description": "The ranked causes with the questions asked (smtp-doctor interview --format json).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Diagnosis" } } } },
                  "400": { "$ref": "#/components/responses/Problem" },
                  "413": { "$ref": "#/components/responses/Problem" },
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
              "InterviewEntry": {
                "type": "object",
                "required": ["question"],
                "properties": { "question": { "type": "string" }, "answer": { "type": ["string", "null"] } }
              },
              "InterviewAnswers": {
                "type": "object",
                "properties": {
                  "answers": { "type": "array", "maxItems": 64, "items": { "$ref": "#/components/schemas/InterviewEntry" } }
                }
              },
              "InterviewAnswer": {
                "type": "object",
                "required": ["question"],
                "properties": {
                  "answers": { "type": "array", "maxItems": 63, "items": { "$ref": "#/components/schemas/InterviewEntry" } },
                  "question": { "type": "string", "description": "The id of the question answered." },
                  "answer": { "type": ["string", "null"], "description": "An answer id, a number, or the typed text; null for unknown." }
                }
              },
              "InterviewStep": {
                "type": "object",
                "required": ["answers", "leading"],
                "properties": {
                  "answers": { "type": "array", "items": { "$ref": "#/components/schemas/InterviewEntry" } },
                  "question": {
                    "type": ["object", "null"],
                    "properties": {
                      "id": { "type": "string" }, "text": { "type": "string" }, "help": { "type": "string" },
                      "kind": { "type": "string", "enum": ["yes-no", "choice", "text", "error", "host-port"] },
                      "expects": { "type": "string" },
                      "choices": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "label": { "type": "string" } } } },
                      "gain": { "type": "number" }, "cost": { "type": "number" }
                    }
                  },
                  "ending": { "type": ["string", "null"], "enum": ["confident", "no-useful-question", null] },
                  "leading": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "title": { "type": "string" }, "confidence": { "type": "number" } } } }
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
