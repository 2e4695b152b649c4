package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The walking skeleton end to end over real HTTP against PostgreSQL: the demo story's two
 * articles arrive through the source API, are triaged and approved for publication by two
 * different people, and the auditor sees every step. No 16-byte run of either article may be
 * found in the blob store or in any table.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WholePathTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    CaseInbox cases;

    @Autowired
    DataSource dataSource;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void aLeakedDocumentTravelsFromTheSourceToAnEditorsDecision() throws Exception {
        byte[] report = Files.readAllBytes(SharedFiles.sample(SharedFiles.PORAVALIT));
        byte[] analysis = Files.readAllBytes(SharedFiles.sample(SharedFiles.SPECIALEURASIA));
        TestStaff reviewer = TestStaff.create(accounts, "rev", StaffRole.REVIEWER);
        TestStaff editor = TestStaff.create(accounts, "ed", StaffRole.EDITOR);
        TestStaff auditor = TestStaff.create(accounts, "aud", StaffRole.AUDITOR);
        int staff = ports.portOf(Face.STAFF);

        StaffClient reviewing = reviewer.signIn(staff);
        Set<String> casesBefore = reviewing.inboxCases();

        Multipart body = new Multipart()
                .file("files", SharedFiles.PORAVALIT, "text/plain", report)
                .file("files", SharedFiles.SPECIALEURASIA, "text/plain", analysis)
                .field("message", "The planning document the articles describe.");
        HttpResponse<String> upload = SourceApi.submit(ports.portOf(Face.SOURCE), body);
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(upload.body())
                .containsPattern("\"receipt\":\"([a-z-]+ ){6}[a-z-]+\"")
                .contains("\"files\":2");

        // Triage: the new case appears once its metadata is extracted; claim it, read it, send it on.
        Element row = reviewing.awaitNewCase(casesBefore, Duration.ofSeconds(60));
        UUID caseId = UUID.fromString(row.attr("data-case"));
        assertThat(row.text()).contains("Triage").contains("2");
        HttpResponse<String> claimed = reviewing.post(row.selectFirst("form").attr("action"), Map.of());
        assertThat(StaffClient.location(claimed)).isEqualTo("/cases/" + caseId);

        Document casePage = reviewing.page("/cases/" + caseId);
        assertThat(casePage.select(".file-name").eachText())
                .containsExactly(SharedFiles.PORAVALIT, SharedFiles.SPECIALEURASIA);
        assertThat(casePage.select(".hash").eachText()).containsExactly(sha256(report), sha256(analysis));
        assertThat(casePage.select(".detected-type").eachText())
                .allSatisfy(t -> assertThat(t).startsWith("text/plain"));
        assertThat(casePage.select(".language").eachText()).containsExactly("en", "en");
        assertThat(casePage.selectFirst(".message").text()).isEqualTo("The planning document the articles describe.");
        assertThat(casePage.selectFirst("#stage").text()).isEqualTo("Awaiting triage");
        String triageAction = casePage.selectFirst("form[action$=/triage]").attr("action");
        HttpResponse<String> triaged =
                reviewing.post(triageAction, Map.of("outcome", "SEND_TO_EDITOR", "caseId", caseId.toString()));
        assertThat(triaged.statusCode()).isEqualTo(302);
        assertThat(reviewing.page("/cases/" + caseId).selectFirst("#stage").text())
                .isEqualTo("Awaiting editorial decision");

        // Decision: another person, an editor, approves publication.
        StaffClient editing = editor.signIn(staff);
        Element decisionRow = await().atMost(Duration.ofSeconds(30))
                .until(() -> editing.page("/inbox").selectFirst("tr[data-case=" + caseId + "]"), r -> r != null);
        assertThat(decisionRow.text()).contains("Editorial decision");
        editing.post(decisionRow.selectFirst("form").attr("action"), Map.of());
        Document decisionPage = editing.page("/cases/" + caseId);
        String decisionAction =
                decisionPage.selectFirst("form[action$=/decision]").attr("action");
        HttpResponse<String> decided =
                editing.post(decisionAction, Map.of("outcome", "PUBLISH", "caseId", caseId.toString()));
        assertThat(decided.statusCode()).isEqualTo(302);
        // The publication package is prepared by a job, then the case is approved.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> editing.page("/cases/" + caseId)
                                .selectFirst("#stage")
                                .text(),
                        "Approved for publication"::equals);
        assertThat(cases.status(caseId, editor.member()).stage())
                .as("the process has ended")
                .isEqualTo(CaseStage.PUBLISHED);

        // The auditor sees who did what to the case, and cannot open it.
        StaffClient auditing = auditor.signIn(staff);
        List<String> newestFirst =
                auditing.page("/audit?case=" + caseId).select("tr[data-action]").eachAttr("data-action");
        List<String> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        assertThat(oldestFirst)
                .containsSubsequence(
                        "SUBMISSION_RECEIVED",
                        "METADATA_EXTRACTED",
                        "TASK_CLAIMED",
                        "CASE_VIEWED",
                        "TRIAGE_COMPLETED",
                        "TASK_CLAIMED",
                        "CASE_VIEWED",
                        "EDITORIAL_DECISION");
        Document rows = auditing.page("/audit?case=" + caseId);
        assertThat(rows.select("tr[data-action=TRIAGE_COMPLETED] td").eachText())
                .contains(reviewer.username(), "SEND_TO_EDITOR");
        assertThat(rows.select("tr[data-action=EDITORIAL_DECISION] td").eachText())
                .contains(editor.username(), "PUBLISH");
        assertThat(auditing.page("/audit?actor=" + reviewer.username() + "&action=STAFF_LOGIN")
                        .select("tr[data-action]"))
                .isNotEmpty();
        assertThat(auditing.get("/cases/" + caseId).statusCode()).isEqualTo(403);

        // Nothing of either article is stored in clear.
        PlaintextScanner scanner = new PlaintextScanner(List.of(report, analysis));
        assertThat(scanner.findInFiles(blobs)).isEmpty();
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
