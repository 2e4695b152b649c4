package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Sign-in with a codename against PostgreSQL: the same key derivations run for a wrong codename as
 * for a right one (counted through the salt every Argon2id run asks for), and the key derived at
 * sign-in is the one whose public half was stored at submission.
 */
@SpringBootTest
class CodenameSignInTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    DraftServices services;

    @Autowired
    SubmissionStore store;

    @Autowired
    ConversationStore conversations;

    @Test
    void aWrongCodenameRunsTheSameKeyDerivationsAsTheRightOne() throws Exception {
        Receipt receipt = submit();
        AtomicInteger argon2Runs = new AtomicInteger();
        byte[] salt = store.secret("codename-salt", () -> {
            throw new AssertionError("the salt exists once a submission was stored");
        });
        Supplier<byte[]> countingSalt = () -> {
            argon2Runs.incrementAndGet();
            return salt;
        };
        CodenameSignIn signIn =
                new CodenameSignIn(services, new Codenames(new SecureRandom(), countingSalt), store, conversations);

        Optional<SignedInSource> right = signIn.signIn(receipt.codename());
        int rightRuns = argon2Runs.getAndSet(0);
        Optional<SignedInSource> wrong = signIn.signIn("abacus abdomen abdominal abide abiding ability ablaze");
        int wrongRuns = argon2Runs.getAndSet(0);
        Optional<SignedInSource> empty = signIn.signIn("");
        int emptyRuns = argon2Runs.getAndSet(0);

        assertThat(right)
                .hasValueSatisfying(source -> assertThat(source.caseId()).isEqualTo(receipt.submissionId()));
        assertThat(wrong).isEmpty();
        assertThat(empty).isEmpty();
        // The lookup hash and the reply key's seed, both Argon2id: for every codename alike.
        assertThat(rightRuns).isEqualTo(2);
        assertThat(wrongRuns).isEqualTo(rightRuns);
        assertThat(emptyRuns).isEqualTo(rightRuns);
    }

    @Test
    void theKeyDerivedAtSignInOpensWhatWasSealedToTheKeyStoredAtSubmission() throws Exception {
        Receipt receipt = submit();
        byte[] stored = conversations.replyPublicKey(receipt.submissionId()).orElseThrow();
        ObjectRef ref = FileRefs.reply(receipt.submissionId(), java.util.UUID.randomUUID());
        byte[] sealed = ReplyKeys.seal(stored, "only for you".getBytes(StandardCharsets.UTF_8), ref);

        SourceKey key = (SourceKey) new CodenameSignIn(services, services.codenames(), store, conversations)
                .signIn(receipt.codename())
                .orElseThrow();
        AsymmetricCipherKeyPair pair = key.pair();

        assertThat(ReplyKeys.publicKey(pair)).isEqualTo(stored);
        assertThat(new String(ReplyKeys.open(pair, sealed, ref), StandardCharsets.UTF_8))
                .isEqualTo("only for you");
        // Bound to its case and reply: under another reference it does not open.
        assertThatThrownBy(() -> ReplyKeys.open(
                        pair, sealed, FileRefs.reply(java.util.UUID.randomUUID(), java.util.UUID.randomUUID())))
                .isInstanceOf(TamperedCiphertextException.class);
        key.forget();
        assertThatThrownBy(key::pair).isInstanceOf(IllegalStateException.class);
    }

    private Receipt submit() throws Exception {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(
                    "a.txt", "text/plain", new ByteArrayInputStream("a document".getBytes(StandardCharsets.UTF_8)));
            return draft.commit();
        }
    }
}
