package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same upload as the form, for tools: {@code POST /api/v1/submissions} with multipart fields
 * {@code message} (optional, best first) and {@code files} (one or more). Answers 201 with the
 * receipt ({@code messageCut} is true when a message longer than the limit came after the files
 * and only its start was kept); a refused upload answers 413 or 400 with {@code error} (for a
 * person) and {@code reason} (an {@link UploadRejectedException.Reason}), and nothing is kept.
 *
 * <p>Flood protection ({@link FloodGate}) comes first: a proof of work from
 * {@code GET /api/v1/challenge} may be sent as {@code ?pow=TOKEN&pow-nonce=ANSWER}; when the rate
 * is used up the answer is 429 with {@code Retry-After}, {@code reason} {@code RATE_LIMITED} and
 * {@code retryAfterSeconds}.
 */
@RestController
@ServedOn(Face.SOURCE)
class SubmissionApiController {

    private final MultipartSubmissionReader reader;
    private final FloodGate floodGate;
    private final MessageSource messages;

    SubmissionApiController(SubmissionIntake intake, FloodGate floodGate, MessageSource messages) {
        this.messages = messages;
        this.reader = new MultipartSubmissionReader(intake);
        this.floodGate = floodGate;
    }

    @PostMapping(path = "/api/v1/submissions", produces = "application/json")
    ResponseEntity<Map<String, Object>> submit(HttpServletRequest request) throws IOException {
        floodGate.admitSubmission(request);
        Receipt receipt = reader.read(request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of(
                        "receipt", receipt.codename(),
                        "files", receipt.fileCount(),
                        "messageCut", receipt.messageCut()));
    }

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(UploadRejectedException e, Locale locale) {
        HttpStatus status = e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status)
                .body(Map.of(
                        "error",
                        messages.getMessage(e, locale),
                        "reason",
                        e.reason().name()));
    }

    @ExceptionHandler(SourceRateLimitedException.class)
    ResponseEntity<Map<String, Object>> rateLimited(SourceRateLimitedException e, Locale locale) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of(
                        "error",
                        messages.getMessage(
                                "source.busy.try-again",
                                new Object[] {
                                    messages.getMessage(e, locale), messages.getMessage(e.retryAfterWords(), locale)
                                },
                                locale),
                        "reason",
                        "RATE_LIMITED",
                        "retryAfterSeconds",
                        e.retryAfterSeconds()));
    }
}
