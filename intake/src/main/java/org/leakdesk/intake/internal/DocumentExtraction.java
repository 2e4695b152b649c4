package org.leakdesk.intake.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;
import org.leakdesk.intake.parsing.ParseReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * Decrypts each document that has no result yet (in memory, streaming), has a parser child read
 * it, and stores the metadata and text encrypted. Each document's result is committed on its own
 * as soon as it exists; no transaction is open while a document is parsed. A document that cannot
 * be parsed, or whose stored copy fails authentication, gets a result that says so: the case goes
 * on to triage either way.
 */
final class DocumentExtraction implements MetadataExtraction {

    static final String ACTOR = "system:extraction";
    private static final Logger log = LoggerFactory.getLogger(DocumentExtraction.class);

    private final SubmissionStore store;
    private final StoredDocuments documents;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final DocumentAnalyzer analyzer;
    private final Json json;
    private final Clock clock;

    DocumentExtraction(
            SubmissionStore store,
            StoredDocuments documents,
            Encryptor encryptor,
            Decryptor decryptor,
            DocumentAnalyzer analyzer,
            Json json,
            Clock clock) {
        this.store = store;
        this.documents = documents;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.analyzer = analyzer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ExtractionSummary extractAll(UUID submissionId, Runnable beforeEachDocument) {
        store.existsShreddedAt(submissionId)
                .orElseThrow(() -> new SubmissionNotFoundException(submissionId))
                .ifPresent(at -> {
                    throw new SubmissionShreddedException(submissionId, at);
                });
        List<SubmissionStore.FileRow> pending = store.filesWithoutMetadata(submissionId);
        DecryptionSession session = null;
        for (SubmissionStore.FileRow file : pending) {
            // The caller's check that the work is still its own (an external task's lock) comes
            // before the access log entry: a worker that lost its task while the database was
            // away must neither decrypt nor log a decryption the next worker will log again.
            beforeEachDocument.run();
            if (session == null) {
                session = open(submissionId, pending.size());
            }
            extract(session, file);
        }
        return store.outcomes(submissionId);
    }

    private DecryptionSession open(UUID submissionId, int documents) {
        return decryptor.open(new AccessRecord(
                ACTOR,
                IntakeAccessAction.METADATA_EXTRACTED,
                submissionId.toString(),
                documents + (documents == 1 ? " document" : " documents")));
    }

    private void extract(DecryptionSession session, SubmissionStore.FileRow file) {
        ParseReport report;
        String sha256 = null;
        try {
            Hashed hashed = documents.read(session, file, (plaintext, manifest) -> {
                DigestInputStream hashing = new DigestInputStream(plaintext, sha256());
                ParseReport parsed = analyzer.analyze(hashing, manifest.size(), manifest.fileName());
                // The parser may stop early (a bomb, the size limit): the hash covers the whole copy.
                hashing.transferTo(OutputStream.nullOutputStream());
                return new Hashed(
                        parsed,
                        HexFormat.of().formatHex(hashing.getMessageDigest().digest()));
            });
            report = hashed.report();
            sha256 = hashed.sha256();
        } catch (TamperedCiphertextException e) {
            // Not a property of the document: somebody or something altered the stored copy. Say so loudly.
            log.error("Document {} failed authentication: its stored form was altered or damaged", file.fileId());
            report = failedIntegrity();
        }
        Instant now = clock.instant();
        ExtractedMetadata parsed = ParseResults.metadata(report, now);
        ExtractedMetadata metadata = sha256 == null ? parsed : parsed.withSha256(sha256);
        String text = ParseResults.text(report);
        try {
            store.insertMetadata(
                    file.fileId(),
                    metadata,
                    encryptor.seal(json.write(metadata), FileRefs.metadata(file.submissionId(), file.fileId())),
                    text.isEmpty()
                            ? null
                            : encryptor.seal(
                                    text.getBytes(StandardCharsets.UTF_8),
                                    FileRefs.text(file.submissionId(), file.fileId())));
        } catch (DuplicateKeyException alreadyDone) {
            // Another worker finished this document first (the task was handed over): keep theirs.
        }
    }

    /** What the parser found, and the SHA-256 of every byte of the stored copy. */
    private record Hashed(ParseReport report, String sha256) {}

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ParseReport failedIntegrity() {
        return ParseReport.notParsed("LeakDesk", "the stored copy failed its integrity check (altered or damaged)");
    }
}
