package org.leakdesk.intake.source;

import java.util.Map;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/challenge}: a fresh proof-of-work challenge for the submit page's script (or
 * a tool). Solve it and send {@code pow} (the token) and {@code pow-nonce} (the answer) in the
 * submission's query string; see {@link ProofOfWork}.
 */
@RestController
@ServedOn(Face.SOURCE)
class ChallengeController {

    private final ProofOfWork proofOfWork;

    ChallengeController(ProofOfWork proofOfWork) {
        this.proofOfWork = proofOfWork;
    }

    @GetMapping(path = "/api/v1/challenge", produces = "application/json")
    ResponseEntity<Map<String, Object>> challenge() {
        ProofOfWork.Challenge challenge = proofOfWork.issue();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(Map.of(
                        "token", challenge.token(),
                        "difficulty", challenge.difficulty(),
                        "expiresInSeconds", challenge.expiresInSeconds()));
    }
}
