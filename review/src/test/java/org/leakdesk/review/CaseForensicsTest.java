package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.SharedFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * What a reviewer sees of a document's metadata over real HTTP: findings first, embedded
 * documents and text, and a scrubbed copy made from the case page by whoever holds the case.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CaseForensicsTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Test
    void findingsShowFirstAndTheTaskHolderMakesAScrubbedCopy() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "forensic", StaffRole.REVIEWER);
        TestStaff colleague = TestStaff.create(accounts, "colleague", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(ports.portOf(Face.STAFF));
        Set<String> before = reviewing.inboxCases();
        submit("testJPEG_GEO.jpg", "testWORD_custom_props.docx");

        Element row = reviewing.awaitNewCase(before, Duration.ofSeconds(60));
        UUID caseId = UUID.fromString(row.attr("data-case"));
        reviewing.post(row.selectFirst("form").attr("action"), Map.of());
        Document page = reviewing.page("/cases/" + caseId);

        assertThat(page.select("tr[data-finding]").eachAttr("data-finding"))
                .contains("GPS_POSITION", "CAMERA", "AUTHOR", "LAST_AUTHOR", "COMPANY", "CUSTOM_PROPERTY");
        assertThat(page.select("tr[data-finding=GPS_POSITION] .finding-value").text())
                .isEqualTo("12.54321, -54.1234");
        assertThat(page.select(".extracted-text").text()).contains("Document content");
        Element scrub = page.select("form[action$=/scrubbed-copy]").get(1);

        StaffClient other = colleague.signIn(ports.portOf(Face.STAFF));
        HttpResponse<String> refused = other.post(scrub.attr("action"), Map.of());
        assertThat(refused.statusCode())
                .as("a colleague: the case is not theirs while its task is claimed")
                .isEqualTo(404);
        HttpResponse<String> made = reviewing.post(scrub.attr("action"), Map.of());
        assertThat(made.statusCode()).isEqualTo(302);

        Document after = reviewing.page("/cases/" + caseId);
        assertThat(after.select(".scrubbed .notice.ok").text())
                .contains("Scrubbed copy for publication")
                .contains("wordprocessingml")
                .contains(reviewer.username());
        assertThat(after.select("form[action$=/scrubbed-copy]")).hasSize(1);
    }

    /**
     * A hostile document's author name carries a right-to-left override and a zero-width space, to read
     * differently from what it is: the reviewer sees both as escapes, in the metadata and in the
     * finding.
     */
    @Test
    void hiddenCharactersInADocumentsMetadataAreShownNotObeyed() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "bidi", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(ports.portOf(Face.STAFF));
        Set<String> before = reviewing.inboxCases();
        String author = "Ivan Petrov\u202Efdp.exe\u200BApproved";
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            document.getDocumentInformation().setAuthor(author);
            document.save(pdf);
        }
        Multipart body = new Multipart().file("files", "minutes.pdf", "application/pdf", pdf.toByteArray());
        assertThat(SourceApi.submit(ports.portOf(Face.SOURCE), body).statusCode())
                .isEqualTo(201);

        Element row = reviewing.awaitNewCase(before, Duration.ofSeconds(60));
        reviewing.post(row.selectFirst("form").attr("action"), Map.of());
        Document page = reviewing.page("/cases/" + row.attr("data-case"));

        String shown = "Ivan Petrov\\u202Efdp.exe\\u200BApproved";
        assertThat(page.select("dd.author").text()).isEqualTo(shown);
        assertThat(page.select("tr[data-finding=AUTHOR] .finding-value").text()).isEqualTo(shown);
        assertThat(page.html()).doesNotContain("\u202E", "\u200B");
    }

    private void submit(String... corpusFiles) throws Exception {
        Multipart body = new Multipart();
        for (String name : corpusFiles) {
            body.file("files", name, "application/octet-stream", Files.readAllBytes(SharedFiles.corpus(name)));
        }
        HttpResponse<String> upload = SourceApi.submit(ports.portOf(Face.SOURCE), body);
        assertThat(upload.statusCode()).isEqualTo(201);
    }
}
