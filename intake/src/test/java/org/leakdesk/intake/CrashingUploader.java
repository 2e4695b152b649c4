package org.leakdesk.intake;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A child JVM for the blob sweeper's crash test: starts the intake against the test database,
 * stores one file of a submission (its blob committed, its row not yet), says so on standard
 * output and waits to be killed, as a process that dies between blob and row.
 */
public final class CrashingUploader {

    public static final String BLOB_WRITTEN = "BLOB WRITTEN, ROW NOT YET";

    private CrashingUploader() {}

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(IntakeTestApplication.class, args);
        byte[] document = new byte[100_000];
        new SecureRandom().nextBytes(document);
        SubmissionDraft draft = context.getBean(SubmissionIntake.class).begin();
        draft.addFile("doomed.bin", "application/octet-stream", new ByteArrayInputStream(document));
        System.out.println(BLOB_WRITTEN);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
