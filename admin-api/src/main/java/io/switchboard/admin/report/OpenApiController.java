package io.switchboard.admin.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/openapi.yaml}: the HTTP API described in OpenAPI 3.1, written by hand ({@code openapi.yaml} on the
 * class path). {@code ApiDocumentationTest} keeps it, the README's API table and the server's routes in agreement.
 */
@RestController
class OpenApiController {

    static final String DOCUMENT = "/openapi.yaml";
    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private final String text;

    OpenApiController() throws IOException {
        try (InputStream in = OpenApiController.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IOException("openapi.yaml is missing from the class path");
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/api/openapi.yaml")
    ResponseEntity<String> document() {
        return ResponseEntity.ok().contentType(YAML).body(text);
    }
}
