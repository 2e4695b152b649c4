package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import org.leakdesk.intake.UploadRejectedException;
import org.springframework.stereotype.Component;

/**
 * What a new submission passes before anything of its body is read: its proof of work, if it
 * brings one, then the global rate of new submissions. Both checks are cheap; the codename's
 * Argon2id hash, the blob and the process come after.
 *
 * <p>The proof travels in the query string ({@code pow} and {@code pow-nonce}), like the form's
 * CSRF token, because the multipart body is only read by the upload stream. A submission without a
 * proof (JavaScript off, as in Tor Browser's "Safest" mode, or a tool that does not solve the
 * puzzle) is taken as long as it finds room in half of the rate; a flood that skips the work thus
 * cannot crowd out sources whose browsers do it. A proof that is sent but wrong, expired or used
 * is refused, so a broken client learns of it.
 */
@Component
class FloodGate {

    static final String CHALLENGE = "pow";
    static final String NONCE = "pow-nonce";

    private final ProofOfWork proofOfWork;
    private final SourceRateLimiter limiter;

    FloodGate(ProofOfWork proofOfWork, SourceRateLimiter limiter) {
        this.proofOfWork = proofOfWork;
        this.limiter = limiter;
    }

    /**
     * @throws UploadRejectedException when a proof is sent but not valid
     * @throws SourceRateLimitedException when the rate is used up for now
     */
    void admitSubmission(HttpServletRequest request) {
        try {
            String challenge = request.getParameter(CHALLENGE);
            String nonce = request.getParameter(NONCE);
            boolean proven = challenge != null || nonce != null;
            if (proven) {
                proofOfWork.check(challenge == null ? "" : challenge, nonce == null ? "" : nonce);
            }
            limiter.admitSubmission(proven);
        } catch (UploadRejectedException | SourceRateLimitedException e) {
            RequestBody.discardUnread(request);
            throw e;
        }
    }

    /**
     * @throws SourceRateLimitedException when this source's follow-ups are used up for now
     */
    void admitFollowUp(HttpServletRequest request, String sourceKey) {
        try {
            limiter.admitFollowUp(sourceKey);
        } catch (SourceRateLimitedException e) {
            RequestBody.discardUnread(request);
            throw e;
        }
    }
}
