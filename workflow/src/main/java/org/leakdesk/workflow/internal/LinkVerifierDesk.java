package org.leakdesk.workflow.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.ScrubbedCopy;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.Texts;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationAnswer;
import org.leakdesk.workflow.VerifierDesk;
import org.leakdesk.workflow.VerifierLinkGoneException;
import org.leakdesk.workflow.VerifierQuestion;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The verifier's side of a one-time link: the question, and the answer that spends the link. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class LinkVerifierDesk implements VerifierDesk {

    private final VerificationStore store;
    private final Decryptor decryptor;
    private final TaskCommands commands;
    private final ScrubbedCopies scrubbedCopies;

    LinkVerifierDesk(
            VerificationStore store, Decryptor decryptor, TaskCommands commands, ScrubbedCopies scrubbedCopies) {
        this.store = store;
        this.decryptor = decryptor;
        this.commands = commands;
        this.scrubbedCopies = scrubbedCopies;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<VerifierQuestion> open(String token) {
        return store.byToken(token).map(row -> {
            DecryptionSession session = decryptor.open(new AccessRecord(
                    VerificationAnswer.THROUGH_LINK,
                    WorkflowAccessAction.VERIFICATION_LINK_OPENED,
                    row.caseId().toString(),
                    "request " + row.id()));
            VerificationStore.Content content = store.content(row, session);
            return new VerifierQuestion(
                    content.organisation(),
                    content.question(),
                    row.sharing(),
                    content.excerpt(),
                    sharedCopies(row).stream().map(PublicationFiles::describe).toList(),
                    row.deadline());
        });
    }

    @Override
    @Transactional
    public void answer(String token, Verdict verdict, String comment) {
        VerificationStore.Row row = store.byToken(token).orElseThrow(VerifierLinkGoneException::new);
        commands.answer(
                row, verdict, Texts.optional(comment, "the comment", Texts.LONG), VerificationAnswer.THROUGH_LINK);
    }

    @Override
    @Transactional(readOnly = true)
    public void writeSharedCopy(String token, int index, OutputStream out) throws IOException {
        VerificationStore.Row row = store.byToken(token).orElseThrow(VerifierLinkGoneException::new);
        List<ScrubbedCopy> copies = sharedCopies(row);
        if (index < 0 || index >= copies.size()) {
            throw new VerifierLinkGoneException();
        }
        scrubbedCopies.write(row.caseId(), copies.get(index).fileId(), VerificationAnswer.THROUGH_LINK, out);
    }

    /** The scrubbed copies a request shares: all the case's, when it shares copies at all. */
    private List<ScrubbedCopy> sharedCopies(VerificationStore.Row row) {
        return row.sharing() == Sharing.SCRUBBED_COPIES
                ? scrubbedCopies.list(row.caseId(), VerificationAnswer.THROUGH_LINK)
                : List.of();
    }
}
