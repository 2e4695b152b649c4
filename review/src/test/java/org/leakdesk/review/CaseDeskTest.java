package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.GnuPg;
import org.leakdesk.infra.testing.Multipart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a reviewer does on a case page besides the task, over real HTTP: labels and internal notes
 * (sealed at rest), the case's history, and downloads: the original (after the fresh check, as an
 * attachment no browser renders in the application's origin) and an OpenPGP export
 * to a journalist's key that the real GnuPG 2.2 decrypts to the bytes the source sent; a colleague
 * who was not given the case gets neither, and every download is in the access log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseDeskTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

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
        fingerprint = gnupg.addJournalistTo(keys, "Desk Journalist", "desk@example.org");
    }

    @AfterAll
    void stopTheAgent() throws Exception {
        gnupg.close();
    }

    @Test
    void notesLabelsHistoryAndDownloadsOnlyForWhoMaySeeTheCase() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "downloader", StaffRole.REVIEWER);
        TestStaff colleague = TestStaff.create(accounts, "bystander", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(staff());
        Set<String> before = reviewing.inboxCases();
        byte[] document = document();
        Multipart body = new Multipart().file("files", "memo <b>1</b>.html", "text/html", document);
        assertThat(SourceApi.submit(ports.portOf(Face.SOURCE), body).statusCode())
                .isEqualTo(201);
        Element row = reviewing.awaitNewCase(before, Duration.ofSeconds(60));
        UUID caseId = UUID.fromString(row.attr("data-case"));
        reviewing.post(row.selectFirst("form").attr("action"), Map.of());
        Document page = reviewing.page("/cases/" + caseId);
        String original = page.selectFirst("a.original").attr("href");
        Element export = page.selectFirst("form[action$=/encrypted]");
        // Other tests add their journalists to the same keys directory.
        assertThat(export.select("select[name=key] option[value=" + fingerprint + "]")
                        .text())
                .isEqualTo("Desk Journalist <desk@example.org>");

        assertThat(StaffClient.location(reviewing.rawDownload(original)))
                .as("the password and a new code first")
                .startsWith("/confirm?next=");
        HttpResponse<byte[]> file = reviewing.download(original);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(document);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(value -> assertThat(value).contains("sandbox"));

        HttpResponse<byte[]> encrypted = reviewing.download(
                export.attr("action") + "?key=" + URLEncoder.encode(fingerprint, StandardCharsets.UTF_8));
        assertThat(encrypted.statusCode()).isEqualTo(200);
        Path gpgFile = dir.resolve("export.gpg");
        Files.write(gpgFile, encrypted.body());
        assertThat(gnupg.run("--decrypt", gpgFile.toString())).isEqualTo(document);
        HttpResponse<byte[]> unknownKey = reviewing.download(export.attr("action") + "?key=" + "0".repeat(40));
        assertThat(unknownKey.statusCode()).isEqualTo(400);

        String secretNote = "Called the ministry <script>x</script>; they will not comment.";
        assertThat(reviewing
                        .post("/cases/" + caseId + "/notes", Map.of("text", secretNote))
                        .statusCode())
                .isEqualTo(302);
        assertThat(reviewing
                        .post("/cases/" + caseId + "/labels", Map.of("label", "FSB leak"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(reviewing
                        .post("/cases/" + caseId + "/labels", Map.of("label", "<b>"))
                        .statusCode())
                .as("an odd label: the page again with the reason")
                .isEqualTo(400);
        assertThat(reviewing
                        .post("/cases/" + caseId + "/notes", Map.of("text", " "))
                        .statusCode())
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM case_note WHERE CAST(note_ciphertext AS VARCHAR) LIKE '%ministry%'")
                        .query(Long.class)
                        .single())
                .as("the note is sealed at rest")
                .isZero();

        Document history = reviewing.page("/cases/" + caseId);
        assertThat(history.select("#notes .note-text").eachText()).containsExactly(secretNote);
        assertThat(history.select("#notes li[data-label]").eachAttr("data-label"))
                .containsExactly("FSB leak");
        assertThat(history.select("#history tbody tr").eachText())
                .anySatisfy(
                        line -> assertThat(line).contains(reviewer.username()).contains("Original document downloaded"))
                .anySatisfy(line -> assertThat(line)
                        .contains("the source")
                        .contains("Submission received")
                        .doesNotContainPattern("\\d\\d:\\d\\d"));

        StaffClient other = colleague.signIn(staff());
        assertThat(other.download(original).statusCode())
                .as("a colleague the case was not given to")
                .isEqualTo(404);
        assertThat(other.post("/cases/" + caseId + "/notes", Map.of("text", "mine"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(reviewing
                        .post("/cases/" + caseId + "/labels/remove", Map.of("label", "FSB leak"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(reviewing.page("/cases/" + caseId).select("#notes li[data-label]"))
                .isEmpty();
        assertThat(actors(caseId, "NOTE_WRITTEN")).containsExactly(reviewer.username());
        assertThat(actors(caseId, "LABEL_REMOVED")).containsExactly(reviewer.username());
        assertThat(actors(caseId, "DOCUMENT_DOWNLOADED")).containsExactly(reviewer.username());
        assertThat(actors(caseId, "DOCUMENT_EXPORTED")).containsExactly(reviewer.username());
    }

    /** Markup a browser would run if it rendered the file in the application's origin, then noise. */
    private static byte[] document() {
        byte[] noise = new byte[1 << 20];
        new Random(5).nextBytes(noise);
        byte[] markup = "<html><script>alert(document.cookie)</script></html>\n".getBytes(StandardCharsets.UTF_8);
        byte[] document = new byte[markup.length + noise.length];
        System.arraycopy(markup, 0, document, 0, markup.length);
        System.arraycopy(noise, 0, document, markup.length, noise.length);
        return document;
    }

    private List<String> actors(UUID caseId, String action) {
        return jdbc.sql("SELECT actor FROM access_log WHERE action = ? AND subject = ?")
                .param(action)
                .param(caseId.toString())
                .query(String.class)
                .list();
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }
}
