package org.leakdesk.intake.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.ReplyForSource;
import org.leakdesk.intake.ReplyNotFoundException;
import org.leakdesk.intake.ReturningSources;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SubmissionDraft;

/**
 * Signs returning sources in by their codename and serves what they may do: read and delete
 * replies with the key derived at sign-in, and send follow-ups. Log entries name the case and the
 * reply, never the codename, and carry no time beyond the log's own.
 */
final class CodenameSignIn implements ReturningSources {

    /** Longer input is cut before hashing: no codename is near this long. */
    static final int MAX_CODENAME_CHARS = 300;

    private final DraftServices services;
    private final Codenames codenames;
    private final SubmissionStore store;
    private final ConversationStore conversations;

    CodenameSignIn(
            DraftServices services, Codenames codenames, SubmissionStore store, ConversationStore conversations) {
        this.services = services;
        this.codenames = codenames;
        this.store = store;
        this.conversations = conversations;
    }

    @Override
    public Optional<SignedInSource> signIn(String codename) {
        String typed = codename.length() > MAX_CODENAME_CHARS ? codename.substring(0, MAX_CODENAME_CHARS) : codename;
        // Both derivations run for every codename, known or not: the answer takes as long either way.
        byte[] lookup = codenames.hash(typed);
        AsymmetricCipherKeyPair pair = ReplyKeys.derive(codenames.replyKeySeed(typed));
        Optional<ConversationStore.SourceRow> source = conversations.source(lookup);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        UUID caseId = source.get().submissionId();
        if (source.get().replyPublicKey() == null && !source.get().shredded()) {
            // Submitted before replies existed: the codename is here now, so the newsroom can reply from now on.
            conversations.setReplyPublicKey(caseId, ReplyKeys.publicKey(pair));
        }
        return Optional.of(new SourceKey(caseId, pair));
    }

    @Override
    public List<ReplyForSource> replies(SignedInSource source) {
        SourceKey key = (SourceKey) source;
        List<ReplyForSource> replies = new ArrayList<>();
        for (ConversationStore.ReplyRow row : conversations.repliesForSource(key.caseId())) {
            byte[] sealed = row.sourceCiphertext();
            if (sealed == null || row.deletedAt() != null) {
                continue;
            }
            replies.add(new ReplyForSource(row.id(), open(key, row, sealed), row.sentAt()));
            if (row.readAt() == null
                    && conversations.markRead(
                            row.id(),
                            services.sourceSettings().coarsen(services.clock().instant()))) {
                services.accessLog()
                        .recordNow(new AccessRecord(
                                StreamingSubmissionDraft.SOURCE_ACTOR,
                                IntakeAccessAction.REPLY_READ_BY_SOURCE,
                                key.caseId().toString(),
                                "reply " + row.id()));
            }
        }
        return replies;
    }

    private static String open(SourceKey key, ConversationStore.ReplyRow row, byte[] sealed) {
        try {
            return new String(
                    ReplyKeys.open(key.pair(), sealed, FileRefs.reply(key.caseId(), row.id())), StandardCharsets.UTF_8);
        } catch (TamperedCiphertextException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteReply(SignedInSource source, UUID replyId) {
        UUID caseId = ((SourceKey) source).caseId();
        services.transactions().executeWithoutResult(status -> {
            if (!conversations.deleteForSource(
                    replyId,
                    caseId,
                    services.sourceSettings().coarsen(services.clock().instant()))) {
                throw new ReplyNotFoundException(replyId);
            }
            services.accessLog()
                    .record(new AccessRecord(
                            StreamingSubmissionDraft.SOURCE_ACTOR,
                            IntakeAccessAction.REPLY_DELETED_BY_SOURCE,
                            caseId.toString(),
                            "reply " + replyId));
        });
    }

    @Override
    public SubmissionDraft followUp(SignedInSource source) {
        UUID caseId = ((SourceKey) source).caseId();
        if (store.shreddedAt(caseId).isPresent()) {
            throw new IllegalStateException("Case " + caseId + " was destroyed: it takes no follow-ups");
        }
        return new StreamingSubmissionDraft(services, caseId);
    }
}
