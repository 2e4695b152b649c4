package org.leakdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.testing.GnuPg;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code keys add-journalist} then {@code export} as separate processes of the application, as an
 * administrator runs them: the export is a standard OpenPGP file that the real GnuPG 2.2 decrypts
 * with the journalist's key to the very bytes the source sent, and it is in the access log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    JdbcClient jdbc;

    @Value("${leakdesk.keys.directory}")
    Path keys;

    @TempDir
    Path dir;

    private GnuPg gnupg;
    private String fingerprint;

    @BeforeAll
    void aJournalistWithAGnupgKey() throws Exception {
        gnupg = GnuPg.start();
        fingerprint = gnupg.addJournalistTo(keys, "Journalist", "j@example.org");
    }

    @AfterAll
    void stopTheAgent() throws Exception {
        gnupg.close();
    }

    @Test
    void gnupgDecryptsTheExportToTheBytesTheSourceSent() throws Exception {
        byte[] document = new byte[3 << 20];
        new Random(11).nextBytes(document);
        UUID caseId = submit("planning-document.pdf", document);
        Path target = dir.resolve("export.gpg");

        ApplicationProcess.Run export = application(
                "export",
                "--case",
                caseId.toString(),
                "--document",
                "2",
                "--to",
                fingerprint,
                "--out",
                target.toString());

        assertThat(export.status()).as(export.output()).isZero();
        assertThat(export.output()).contains("Exported document");
        assertThat(dir.resolve("export.gpg.part")).doesNotExist();
        String packets = new String(gnupg.run("--list-packets", target.toString()), StandardCharsets.UTF_8);
        assertThat(packets)
                .contains(":pubkey enc packet:")
                .contains(":encrypted data packet:")
                .contains("mdc_method: 2") // SEIPD v1
                .contains("name=\"planning-document.pdf\"");
        assertThat(gnupg.run("--decrypt", target.toString())).isEqualTo(document);
        assertThat(jdbc.sql("SELECT detail FROM access_log WHERE action = 'DOCUMENT_EXPORTED' AND subject = ?")
                        .param(caseId.toString())
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("to key " + fingerprint);
    }

    @Test
    void anUnknownKeyExportsNothingAndDecryptsNothing() throws Exception {
        UUID caseId = submit("a.txt", "secret".getBytes(StandardCharsets.UTF_8));
        Path target = dir.resolve("nothing.gpg");

        ApplicationProcess.Run export = application(
                "export",
                "--case",
                caseId.toString(),
                "--document",
                "1",
                "--to",
                "0".repeat(40),
                "--out",
                target.toString());

        assertThat(export.status()).isEqualTo(1);
        assertThat(export.output()).contains("No journalist key with fingerprint");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("nothing.gpg.part")).doesNotExist();
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE action = 'DOCUMENT_EXPORTED' AND subject = ?")
                        .param(caseId.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A submission with a small first file and the document second; returns its case id. */
    private UUID submit(String name, byte[] content) throws Exception {
        List<UUID> before = ids();
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("cover.txt", "text/plain", new ByteArrayInputStream("cover".getBytes()));
            draft.addFile(name, "application/pdf", new ByteArrayInputStream(content));
            draft.commit();
        }
        List<UUID> after = ids();
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.get(0);
    }

    private List<UUID> ids() {
        return new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
    }

    private static ApplicationProcess.Run application(String... args) throws Exception {
        return ApplicationProcess.run(List.of(), args);
    }
}
