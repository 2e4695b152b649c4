package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The auditor's pages over HTTP: refused requests are in the log, filters by person, action and
 * days, paging back through more than a page, the last verification's status, and exports in
 * JSON lines and CSV that end with the signed checkpoint covering them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuditPagesTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    AccessLog accessLog;

    @Test
    void refusalsAreLoggedAndTheAuditorFiltersPagesVerifiesAndExports() throws Exception {
        int staff = ports.portOf(Face.STAFF);
        TestStaff reviewer = TestStaff.create(accounts, "rev", StaffRole.REVIEWER);
        TestStaff auditor = TestStaff.create(accounts, "aud", StaffRole.AUDITOR);
        StaffClient reviewing = reviewer.signIn(staff);
        UUID notGiven = UUID.randomUUID();
        assertThat(reviewing.get("/audit").statusCode()).isEqualTo(403);
        assertThat(reviewing.get("/cases/" + notGiven).statusCode()).isEqualTo(404);
        assertThat(refusals(reviewer.username()))
                .extracting(AccessLogEntry::subject, AccessLogEntry::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                notGiven.toString(), "GET /cases/" + notGiven + ": case not given to this member"),
                        org.assertj.core.groups.Tuple.tuple(null, "GET /audit: role does not cover this page"));

        String busy = "busy-" + UUID.randomUUID();
        for (int i = 1; i <= 120; i++) {
            accessLog.recordNow(new AccessRecord(
                    busy, InfraAccessAction.STAFF_LOGIN, null, i == 7 ? "=HYPERLINK(\"x\")" : "n" + i));
        }
        StaffClient auditing = auditor.signIn(staff);
        Document first = auditing.page("/audit?actor=" + busy);
        List<Long> firstPage = sequences(first);
        assertThat(firstPage).hasSize(100).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        String older = first.selectFirst("#paging a[rel=next]").attr("href");
        List<Long> secondPage = sequences(auditing.page(older));
        assertThat(secondPage).hasSize(20).allMatch(sequence -> sequence < firstPage.get(99));
        assertThat(auditing.page("/audit?actor=" + busy + "&action=STAFF_LOGOUT")
                        .select("tr[data-action]"))
                .isEmpty();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(auditing.page("/audit?actor=" + busy + "&from=" + tomorrow).select("tr[data-action]"))
                .isEmpty();
        assertThat(sequences(auditing.page("/audit?actor=" + busy + "&from=" + today + "&to=" + today)))
                .hasSize(100);

        HttpResponse<String> verified = auditing.post("/audit/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(auditing.page("/audit").selectFirst("#last-verification").text())
                .contains(auditor.username())
                .contains("intact");

        HttpResponse<byte[]> jsonl = auditing.download("/audit/export?format=jsonl&actor=" + busy);
        assertThat(jsonl.statusCode()).isEqualTo(200);
        String[] lines = new String(jsonl.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(121);
        ObjectMapper json = new ObjectMapper();
        JsonNode firstEntry = json.readTree(lines[0]);
        assertThat(firstEntry.get("actor").asText()).isEqualTo(busy);
        assertThat(firstEntry.get("detail").asText()).isEqualTo("n1");
        assertThat(firstEntry.get("entryHash").asText()).hasSize(64);
        String checkpoint = json.readTree(lines[120]).get("checkpoint").asText();
        assertThat(checkpoint).startsWith("LeakDesk access log checkpoint v1\nsize ");
        long covered = Long.parseLong(checkpoint.lines().toList().get(1).substring("size ".length()));
        assertThat(covered)
                .isGreaterThanOrEqualTo(
                        json.readTree(lines[119]).get("sequence").asLong());

        assertThat(firstEntry.get("previousHash").asText()).hasSize(64);

        Document page = auditing.page("/audit?actor=" + busy);
        assertThat(page.selectFirst("#checkpoint-signer code.public-key").text())
                .startsWith("ed25519 ");
        String proofLink = page.selectFirst("tr[data-action] a.proof").attr("href");
        String proof = new String(auditing.download(proofLink).body(), StandardCharsets.UTF_8);
        assertThat(proof)
                .startsWith("LeakDesk access log inclusion proof v1\nsequence " + firstPage.get(0) + "\n")
                .contains("LeakDesk access log checkpoint v1");
        assertThat(auditing.download("/audit/proof?sequence=999999999").statusCode())
                .isEqualTo(404);

        HttpResponse<byte[]> csv = auditing.download("/audit/export?format=csv&actor=" + busy);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("sequence,recorded_at,actor,action,subject,detail,entry_hash,previous_hash\r\n");
        assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\")\"").doesNotContain(",\"=HYPERLINK");
        assertThat(text).contains("\r\ncheckpoint\r\n\"LeakDesk access log checkpoint v1");
        assertThat(accessLog.entries(
                        new AccessLogQuery(auditor.username(), InfraAccessAction.ACCESS_LOG_EXPORTED, null, 10)))
                .hasSize(2);
    }

    private List<AccessLogEntry> refusals(String actor) {
        return accessLog.entries(new AccessLogQuery(actor, InfraAccessAction.ACCESS_DENIED, null, 10));
    }

    private static List<Long> sequences(Document page) {
        return page.select("tr[data-action] td:first-child").eachText().stream()
                .map(Long::parseLong)
                .toList();
    }
}
