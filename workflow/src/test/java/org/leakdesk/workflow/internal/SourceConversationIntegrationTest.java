package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.ReturningSources;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SourceCorrespondence.Correspondence;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.TaskKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reviewer who may see a case replies to its source; the source signs in, reads it and sends a
 * follow-up whose document goes through the same isolated extraction as the first. Real engine,
 * real extraction worker, PostgreSQL.
 */
@WorkflowBootTest
class SourceConversationIntegrationTest {

    private static final StaffMember REVIEWER = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    private static final StaffMember AUDITOR = new StaffMember("aud", Set.of(StaffRole.AUDITOR));

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ReturningSources sources;

    @Autowired
    SourceConversation conversation;

    @Autowired
    CaseInbox inbox;

    @Autowired
    Submissions submissions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplyReachesTheSourceAndAFollowUpDocumentIsExtractedLikeTheFirst() throws Exception {
        Receipt receipt = submit();
        UUID caseId = receipt.submissionId();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> inbox.inbox(REVIEWER).stream()
                        .anyMatch(task -> task.caseId().equals(caseId) && task.kind() == TaskKind.TRIAGE));

        assertThatThrownBy(() -> conversation.reply(caseId, AUDITOR, "hello"))
                .isInstanceOf(CaseNotVisibleException.class);
        assertThatThrownBy(() -> conversation.reply(caseId, REVIEWER, "   "))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessage("Write the reply before sending it.");
        conversation.reply(caseId, REVIEWER, "Can you send the <b>second</b> page?");

        SignedInSource source = sources.signIn(receipt.codename()).orElseThrow();
        assertThat(sources.replies(source))
                .singleElement()
                .satisfies(reply -> assertThat(reply.text()).isEqualTo("Can you send the <b>second</b> page?"));
        Path pdf = SharedFiles.sample(SharedFiles.PORAVALIT);
        try (SubmissionDraft followUp = sources.followUp(source);
                InputStream in = Files.newInputStream(pdf)) {
            followUp.setMessage("Here it is.");
            followUp.addFile("page-2.pdf", "application/pdf", in);
            followUp.commit();
        }

        ExtractedMetadata extracted = await().atMost(Duration.ofSeconds(90))
                .until(() -> submissions.read(caseId, "test").documents().get(1).metadata(), m -> m != null);
        assertThat(extracted.outcome()).isNotNull();
        // The follow-up awaited review until the worker's extraction finished, then was handed over.
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.sql("SELECT COUNT(*) FROM intake_handover WHERE submission_id = ?")
                                .param(caseId)
                                .query(Long.class)
                                .single(),
                        n -> n == 0);
        Correspondence seen = conversation.read(caseId, REVIEWER);
        assertThat(seen.canReply()).isTrue();
        assertThat(seen.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.author()).isEqualTo("rita");
            assertThat(reply.text()).isEqualTo("Can you send the <b>second</b> page?");
            assertThat(reply.readAt()).isNotNull();
        });
        assertThat(seen.followUps()).singleElement().satisfies(followUp -> {
            assertThat(followUp.message()).isEqualTo("Here it is.");
            assertThat(followUp.documentPositions()).containsExactly(2);
        });
        assertThatThrownBy(() -> conversation.read(caseId, AUDITOR)).isInstanceOf(CaseNotVisibleException.class);
    }

    private Receipt submit() throws Exception {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(
                    "first.txt", "text/plain", new ByteArrayInputStream("page one".getBytes(StandardCharsets.UTF_8)));
            return draft.commit();
        }
    }
}
