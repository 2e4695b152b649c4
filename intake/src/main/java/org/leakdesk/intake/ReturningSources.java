package org.leakdesk.intake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A source who comes back with their codename: signs in, reads the newsroom's replies, deletes
 * those read, and sends more (a follow-up to the same case). Replies are encrypted to a key pair
 * derived from the codename, so they can be read only here, only while the source is signed in.
 */
public interface ReturningSources {

    /**
     * Signs a source in. Every codename, known or not, costs the same work: its lookup hash and its
     * reply key are always derived, so a wrong codename cannot be told from another by how long the
     * answer takes.
     *
     * @return the signed-in source, or empty when no submission has this codename
     */
    Optional<SignedInSource> signIn(String codename);

    /**
     * The replies the source has not deleted, oldest first, decrypted with the source's key. The
     * first reading of each is recorded (at a coarsened time) and written to the access log.
     *
     * @throws IllegalStateException if the source signed out meanwhile
     */
    List<ReplyForSource> replies(SignedInSource source);

    /**
     * Deletes a reply the source has read: its copy for the source is gone for good.
     *
     * @throws ReplyNotFoundException unless it is a reply to this source that was read
     */
    void deleteReply(SignedInSource source, UUID replyId);

    /**
     * Starts a follow-up: more files and a message for the same case, stored exactly like a first
     * submission's (encrypted as they stream, bound to the case). Its {@link SubmissionDraft#commit()}
     * returns a receipt with an empty codename: the source keeps the one they have.
     */
    SubmissionDraft followUp(SignedInSource source);
}
