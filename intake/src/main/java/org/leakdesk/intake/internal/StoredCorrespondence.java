package org.leakdesk.intake.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.RepliesNotPossibleException;
import org.leakdesk.intake.SourceCorrespondence;

/** Replies written by staff and follow-ups from the source, over {@link ConversationStore}. */
final class StoredCorrespondence implements SourceCorrespondence {

    private final DraftServices services;
    private final ConversationStore conversations;
    private final Decryptor decryptor;

    StoredCorrespondence(DraftServices services, ConversationStore conversations, Decryptor decryptor) {
        this.services = services;
        this.conversations = conversations;
        this.decryptor = decryptor;
    }

    @Override
    public UUID reply(UUID caseId, String author, String text) {
        byte[] plaintext = checked(text).getBytes(StandardCharsets.UTF_8);
        if (services.store().shreddedAt(caseId).isPresent()) {
            throw new RepliesNotPossibleException(caseId, "the case was destroyed");
        }
        byte[] publicKey = conversations
                .replyPublicKey(caseId)
                .orElseThrow(() -> new RepliesNotPossibleException(
                        caseId, "the source sent their documents before replies existed and has not signed in since"));
        UUID replyId = UUID.randomUUID();
        ObjectRef ref = FileRefs.reply(caseId, replyId);
        byte[] forSource = ReplyKeys.seal(publicKey, plaintext, ref);
        SealedValue forNewsroom = services.encryptor().seal(plaintext, ref);
        services.transactions().executeWithoutResult(status -> {
            conversations.insertReply(
                    replyId,
                    caseId,
                    author,
                    services.sourceSettings().coarsen(services.clock().instant()),
                    forSource,
                    forNewsroom);
            services.accessLog()
                    .record(new AccessRecord(
                            author, IntakeAccessAction.REPLY_SENT, caseId.toString(), "reply " + replyId));
        });
        return replyId;
    }

    private String checked(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Write the reply before sending it.");
        }
        int limit = services.limits().maxMessageLength();
        if (trimmed.length() > limit) {
            throw new IllegalArgumentException("A reply can be at most " + limit + " characters long.");
        }
        return trimmed;
    }

    @Override
    public Correspondence read(UUID caseId, String reader) {
        boolean canReply = services.store().shreddedAt(caseId).isEmpty()
                && conversations.replyPublicKey(caseId).isPresent();
        List<ConversationStore.ReplyRow> replies = conversations.replies(caseId);
        List<ConversationStore.FollowUpRow> followUps = conversations.followUps(caseId);
        if (replies.isEmpty() && followUps.isEmpty()) {
            return new Correspondence(canReply, List.of(), List.of());
        }
        DecryptionSession session = decryptor.open(new AccessRecord(
                reader,
                IntakeAccessAction.CORRESPONDENCE_READ,
                caseId.toString(),
                replies.size() + " replies, " + followUps.size() + " follow-ups"));
        Map<UUID, List<Integer>> files = conversations.followUpFiles(caseId);
        return new Correspondence(
                canReply,
                replies.stream()
                        .map(row -> new SentReply(
                                row.id(),
                                row.sentBy(),
                                text(session, row.newsroomCopy(), FileRefs.reply(caseId, row.id())),
                                row.sentAt(),
                                row.readAt(),
                                row.deletedAt()))
                        .toList(),
                followUps.stream()
                        .map(row -> new FollowUp(
                                row.id(),
                                row.arrivedAt(),
                                text(session, row.message(), FileRefs.followUpMessage(caseId, row.id())),
                                row.messageCutAt(),
                                files.getOrDefault(row.id(), List.of())))
                        .toList());
    }

    private static @Nullable String text(DecryptionSession session, @Nullable SealedValue sealed, ObjectRef ref) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(session.open(sealed, ref), StandardCharsets.UTF_8);
        } catch (TamperedCiphertextException e) {
            throw new UncheckedIOException(e);
        }
    }
}
