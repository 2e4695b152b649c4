package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same upload as the form, for tools: {@code POST /api/v1/submissions} with multipart fields
 * {@code files} (one or more) and {@code message} (optional). Answers 201 with the receipt.
 */
@RestController
@ServedOn(Face.SOURCE)
class SubmissionApiController {

    private final MultipartSubmissionReader reader;

    SubmissionApiController(SubmissionIntake intake) {
        this.reader = new MultipartSubmissionReader(intake);
    }

    @PostMapping(path = "/api/v1/submissions", produces = "application/json")
    ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) throws IOException {
        Receipt receipt = reader.read(request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("receipt", receipt.codename(), "files", receipt.fileCount()));
    }

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(UploadRejectedException e) {
        HttpStatus status = e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status)
                .body(Map.of("error", e.getMessage(), "reason", e.reason().name()));
    }
}
