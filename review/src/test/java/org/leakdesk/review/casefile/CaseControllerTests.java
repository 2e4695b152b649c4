package org.leakdesk.review.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakdesk.review.casefile.CaseFiles.CASE;
import static org.leakdesk.review.casefile.CaseFiles.EDNA;
import static org.leakdesk.review.casefile.CaseFiles.RITA;
import static org.leakdesk.review.casefile.CaseFiles.TASK;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.review.security.FreshlyChecked;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.CurrentStep;
import org.leakdesk.workflow.DecisionRecord;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationAnswer;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationTally;
import org.leakdesk.workflow.VerifierDesk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@StaffSliceTest(CaseController.class)
@Import(CasePage.class)
@CasePageMocks
class CaseControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CaseInbox inbox;

    @MockitoBean
    SourceConversation conversation;

    @MockitoBean
    CaseWork work;

    @MockitoBean
    ScrubbedCopies scrubbedCopies;

    @MockitoBean
    VerifierDesk desk;

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theTriageFormOffersEveryOutcomeOfTheEnumWithItsLabel() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "rita"))));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#stage").text()).isEqualTo(CaseStage.AWAITING_TRIAGE.label());
        assertThat(page.select(".file-name").eachText()).containsExactly("report.txt");
        assertThat(page.selectFirst(".message").text()).isEqualTo("Here is the plan.");
        Element form = page.selectFirst("form[action=/tasks/" + TASK + "/triage]");
        assertThat(form.select("input[type=radio][name=outcome]").eachAttr("value"))
                .containsExactlyElementsOf(names(TriageDecision.Outcome.values()));
        assertThat(form.select("fieldset label").eachText())
                .containsExactly(Arrays.stream(TriageDecision.Outcome.values())
                        .map(TriageDecision.Outcome::label)
                        .toArray(String[]::new));
        assertThat(form.select("textarea[name=reason]")).hasSize(1);
        assertThat(form.selectFirst("input[name=caseId]").val()).isEqualTo(CASE.toString());
        assertThat(page.select("form[action=/tasks/" + TASK + "/unclaim]")).hasSize(1);
        assertThat(page.select("form[action$=/claim], form[action$=/decision], form[action$=/assessment]"))
                .isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void anUnclaimedTaskIsOfferedToClaimAndNoFormIsShown() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, null))));

        Document page = page("/cases/" + CASE);

        assertThat(page.select("form[action=/tasks/" + TASK + "/claim]")).hasSize(1);
        assertThat(page.select("form[action$=/triage], form[action$=/unclaim]")).isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theVerificationSectionListsEveryRequestWithItsStateAndAnswer() throws Exception {
        List<VerificationRequest> requests = List.of(
                CaseFiles.answered("Agency A", Verdict.CONFIRMED, "It is ours.", VerificationAnswer.THROUGH_LINK),
                CaseFiles.answered("Agency B", Verdict.DISPUTED, "By phone: not ours.", "ravi"),
                CaseFiles.waiting("Agency C", Instant.parse("2026-11-25T12:00:00Z")),
                CaseFiles.waiting("Agency D", null),
                CaseFiles.unanswered("Agency E"));
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(CaseFiles.status(CaseStage.AWAITING_VERIFICATION, null), requests));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#tally").text())
                .isEqualTo(VerificationTally.of(requests).summary())
                .isEqualTo("1 of 5 confirmed, 1 disputed, 1 no answer, 2 still waiting");
        assertThat(page.select("article.request .organisation").eachText())
                .containsExactly("Agency A", "Agency B", "Agency C", "Agency D", "Agency E");
        assertThat(page.select("article.request .state").eachText())
                .containsExactly(
                        VerificationRequest.State.ANSWERED.label(),
                        VerificationRequest.State.ANSWERED.label(),
                        VerificationRequest.State.WAITING.label(),
                        VerificationRequest.State.WAITING.label(),
                        VerificationRequest.State.NO_ANSWER.label());
        Element a = request(page, requests.get(0));
        assertThat(a.selectFirst(".verdict").text()).isEqualTo("Confirmed");
        assertThat(a.selectFirst(".comment").text()).isEqualTo("It is ours.");
        assertThat(a.selectFirst(".answered-by").text())
                .contains("through their link")
                .contains("2026-11-22 10:15");
        assertThat(a.selectFirst(".question").text()).isEqualTo("Is the planning document genuine?");
        assertThat(a.selectFirst(".contact").text()).isEqualTo("desk@agency-a.example");
        assertThat(a.selectFirst(".deadline").text()).isEqualTo("2026-11-30 23:59 UTC");
        assertThat(a.selectFirst("pre.excerpt").text()).isEqualTo("Page 3, paragraph 2 of Agency A");
        assertThat(request(page, requests.get(1)).selectFirst(".answered-by").text())
                .startsWith("Recorded by ravi");
        Element overdue = request(page, requests.get(2));
        assertThat(overdue.hasClass("overdue")).isTrue();
        assertThat(overdue.selectFirst(".reminder").text()).isEqualTo("Reminder sent 2026-11-25 12:00 UTC");
        assertThat(request(page, requests.get(3)).hasClass("overdue")).isFalse();
        assertThat(page.select("article.overdue")).hasSize(1);
        // Only waiting requests can take an answer from the desk or a new link.
        assertThat(page.select("form[action$=/answer]").eachAttr("action"))
                .containsExactly(
                        "/cases/" + CASE + "/verification-requests/"
                                + requests.get(2).id() + "/answer",
                        "/cases/" + CASE + "/verification-requests/"
                                + requests.get(3).id() + "/answer");
        assertThat(page.select("form[action$=/link]")).hasSize(2);
        assertThat(page.selectFirst("form[action$=/answer]")
                        .select("input[name=verdict]")
                        .eachAttr("value"))
                .containsExactlyElementsOf(names(Verdict.values()));
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void anEditorSeesTheRequestsButNoReviewerFormsOnThem() throws Exception {
        given(inbox.open(CASE, EDNA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_VERIFICATION, null),
                        List.of(CaseFiles.waiting("Agency C", null))));

        Document page = page("/cases/" + CASE);

        assertThat(page.select("article.request")).hasSize(1);
        assertThat(page.select("form[action$=/answer], form[action$=/link]")).isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void whileWritingRequestsTheDraftsCanBeRemovedAndAreCountedOnTheSendButton() throws Exception {
        List<VerificationRequest> requests = List.of(CaseFiles.draft("Agency A"), CaseFiles.draft("Agency B"));
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(
                                CaseStage.PREPARING_VERIFICATION,
                                CaseFiles.task(TaskKind.PREPARE_VERIFICATION, "rita")),
                        requests));

        Document page = page("/cases/" + CASE);

        Element add = page.selectFirst("form#add-request");
        assertThat(add.attr("action")).isEqualTo("/tasks/" + TASK + "/verification-requests");
        assertThat(add.select("input[name=sharing]").eachAttr("value"))
                .containsExactlyElementsOf(names(org.leakdesk.workflow.Sharing.values()));
        assertThat(add.selectFirst("input[name=deadline]").attr("type")).isEqualTo("date");
        assertThat(add.select("input[name=organisation], input[name=contact], textarea[name=question],"
                        + " textarea[name=excerpt]"))
                .hasSize(4);
        assertThat(page.selectFirst("#send-requests").text()).isEqualTo("Send 2 requests");
        assertThat(page.selectFirst("#send-requests").parent().attr("action"))
                .isEqualTo("/tasks/" + TASK + "/verification-requests/send");
        assertThat(page.select("form[action$=/remove]").eachAttr("action"))
                .containsExactly(
                        "/tasks/" + TASK + "/verification-requests/"
                                + requests.get(0).id() + "/remove",
                        "/tasks/" + TASK + "/verification-requests/"
                                + requests.get(1).id() + "/remove");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theAssessmentFormShowsTheTallyAndEveryRecommendation() throws Exception {
        List<VerificationRequest> requests =
                List.of(CaseFiles.answered("Agency A", Verdict.CONFIRMED, "", VerificationAnswer.THROUGH_LINK));
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_ASSESSMENT, CaseFiles.task(TaskKind.ASSESSMENT, "rita")),
                        requests));

        Document page = page("/cases/" + CASE);

        Element form = page.selectFirst("form[action=/tasks/" + TASK + "/assessment]");
        assertThat(page.selectFirst(".assessment-tally").text()).isEqualTo("1 of 1 confirmed, 0 disputed, 0 no answer");
        assertThat(form.select("input[name=recommendation]").eachAttr("value"))
                .containsExactlyElementsOf(names(Recommendation.values()));
        assertThat(form.select("textarea[name=summary]")).hasSize(1);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void theDecisionFormSaysWhoTriagedAndAssessedAndOffersEveryOutcome() throws Exception {
        CaseStatus status = CaseFiles.decisionStatus(CaseFiles.task(TaskKind.EDITORIAL_DECISION, "edna"));
        given(inbox.open(CASE, EDNA))
                .willReturn(CaseFiles.withHistory(
                        status,
                        List.of(new Assessment(
                                Recommendation.PUBLISH,
                                "All six confirmed.",
                                new VerificationTally(6, 6, 0, 0, 0, 0),
                                "ravi",
                                Instant.parse("2026-11-28T08:00:00Z"))),
                        List.of(new DecisionRecord(
                                "Triage", "Ask outside parties to verify it", "", "rita", CaseFiles.RECEIVED))));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst(".four-eyes").text())
                .contains("Triaged by rita")
                .contains("assessed by ravi");
        Element form = page.selectFirst("form[action=/tasks/" + TASK + "/decision]");
        assertThat(form.select("input[name=outcome]").eachAttr("value"))
                .containsExactlyElementsOf(names(EditorialDecision.Outcome.values()));
        assertThat(form.selectFirst("input[name=until]").attr("type")).isEqualTo("date");
        assertThat(form.select("textarea[name=note]")).hasSize(1);
        assertThat(page.selectFirst("#assessments .recommendation").text()).isEqualTo("Publish");
        assertThat(page.selectFirst("#assessments").text())
                .contains("All six confirmed.")
                .contains("6 of 6 confirmed");
        assertThat(page.select("#decisions tbody td").eachText()).contains("Triage", "rita");
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void aPublishedCaseOffersItsPackageAndShowsTheProvenanceReport() throws Exception {
        CaseFile published = new CaseFile(
                CaseFiles.status(CaseStage.PUBLISHED, null),
                CaseFiles.documents(),
                List.of(),
                VerificationTally.of(List.of()),
                List.of(),
                List.of(),
                "Provenance report\nreport.txt sha256 ab12cd34");
        given(inbox.open(CASE, EDNA)).willReturn(published);

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#publication-package").attr("href"))
                .isEqualTo("/cases/" + CASE + "/publication-package");
        assertThat(page.selectFirst("pre#provenance-report").wholeText())
                .isEqualTo("Provenance report\nreport.txt sha256 ab12cd34");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aDestroyedCaseSaysWhenAndShowsNoDocuments() throws Exception {
        CaseStatus destroyed = new CaseStatus(
                CASE,
                CaseStage.DESTROYED,
                List.of(),
                null,
                "rita",
                Set.of(),
                null,
                null,
                Instant.parse("2027-02-18T09:00:00Z"));
        given(inbox.open(CASE, RITA))
                .willReturn(new CaseFile(
                        destroyed, null, List.of(), VerificationTally.of(List.of()), List.of(), List.of(), null));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#destruction").text())
                .contains("destroyed on 2027-02-18 09:00 UTC")
                .contains("nothing of the case can be decrypted");
        assertThat(page.select(".document, .file-name")).isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aRejectedCaseSaysWhenItWillBeDestroyed() throws Exception {
        CaseStatus rejected = new CaseStatus(
                CASE,
                CaseStage.REJECTED,
                List.of(),
                null,
                "rita",
                Set.of(),
                null,
                null,
                Instant.parse("2027-02-18T09:00:00Z"));
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(rejected));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#destruction").text()).contains("will be destroyed on 2027-02-18 09:00 UTC");
        assertThat(page.select(".file-name")).hasSize(1);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aCaseNotGivenToTheMemberIsNotFound() throws Exception {
        given(inbox.open(CASE, RITA)).willThrow(new CaseNotVisibleException(CASE));

        MvcResult result = mvc.perform(get("/cases/" + CASE)).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(result.getResponse().getContentAsString()).contains(CaseNotVisibleException.MESSAGE);
    }

    @Test
    @WithMockUser(username = "audrey", roles = "AUDITOR")
    void anAuditorCannotOpenACase() throws Exception {
        assertThat(status(get("/cases/" + CASE))).isEqualTo(403);
        assertThat(status(get("/cases/" + CASE + "/publication-package"))).isEqualTo(403);
        verifyNoInteractions(inbox, work);
    }

    @Test
    @WithMockUser(username = "adam", roles = "ADMIN")
    void anAdminCannotOpenACase() throws Exception {
        assertThat(status(get("/cases/" + CASE))).isEqualTo(403);
        assertThat(status(get("/cases/" + CASE + "/publication-package"))).isEqualTo(403);
        verifyNoInteractions(inbox, work);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void thePublicationPackageIsAnUncachedZipAttachmentNamedAfterTheCase() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 1, 2, 3};
        willAnswer(invocation -> {
                    invocation.getArgument(2, OutputStream.class).write(zip);
                    return null;
                })
                .given(work)
                .writePublicationPackage(eq(CASE), eq(EDNA), any());

        MvcResult result = mvc.perform(
                        get("/cases/" + CASE + "/publication-package").with(FreshlyChecked.now()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/zip");
        assertThat(result.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"leakdesk-case-3F2A9C1B-publication.zip\"");
        assertThat(result.getResponse().getHeaders("Cache-Control")).containsExactly("no-store");
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(zip);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void thePublicationPackageWaitsForAFreshCheck() throws Exception {
        MvcResult result =
                mvc.perform(get("/cases/" + CASE + "/publication-package")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl())
                .isEqualTo("/confirm?next=%2Fcases%2F" + CASE + "%2Fpublication-package");
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void aCaseWithoutAPackageGetsAPageNotADownload() throws Exception {
        willThrow(new InvalidEntryException("This case has no publication package."))
                .given(work)
                .writePublicationPackage(eq(CASE), eq(EDNA), any());

        MvcResult result = mvc.perform(
                        get("/cases/" + CASE + "/publication-package").with(FreshlyChecked.now()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getHeader("Content-Disposition")).isNull();
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        assertThat(result.getResponse().getContentAsString()).contains("This case has no publication package.");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aFileNameIsShownWithItsBidirectionalAndControlCharactersNeutralised() throws Exception {
        // "invoice", RIGHT-TO-LEFT OVERRIDE, "fdp.exe" reads as "invoiceexe.pdf" when obeyed.
        String name = "invoice\u202Efdp.exe\u0007\u2066";
        CaseStatus status = CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "rita"));
        given(inbox.open(CASE, RITA))
                .willReturn(new CaseFile(
                        status,
                        CaseFiles.documents(name),
                        List.of(),
                        VerificationTally.of(List.of()),
                        List.of(),
                        List.of(),
                        null));

        MvcResult result = mvc.perform(get("/cases/" + CASE)).andReturn();

        String html = result.getResponse().getContentAsString();
        assertThat(Jsoup.parse(html).select(".file-name").eachText())
                .containsExactly("invoice\\u202Efdp.exe\\u0007\\u2066");
        assertThat(html.codePoints())
                .as("no bidirectional or control character reaches the page")
                .noneMatch(c -> c == 0x202E || c == 0x2066 || c == 0x07);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void onlyWhoeverHoldsTheCasesTaskMayMakeAScrubbedCopy() throws Exception {
        UUID file = UUID.randomUUID();
        given(inbox.status(CASE, RITA))
                .willReturn(CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "ravi")));

        assertThat(status(post("/cases/" + CASE + "/documents/" + file + "/scrubbed-copy")
                        .with(csrf())))
                .isEqualTo(403);
        verifyNoInteractions(scrubbedCopies);

        given(inbox.status(CASE, RITA))
                .willReturn(CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "rita")));
        given(scrubbedCopies.make(CASE, file, "rita")).willReturn(new ScrubbedCopies.NotPossible("not yet"));
        assertThat(status(post("/cases/" + CASE + "/documents/" + file + "/scrubbed-copy")
                        .with(csrf())))
                .isEqualTo(302);
        verify(scrubbedCopies).make(CASE, file, "rita");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theCurrentStepsAreNamedAndTheDeployedDiagramIsHandedToTheApplicationsOwnScript() throws Exception {
        String xml = "<bpmn:definitions id=\"d\"><!-- the diagram & more --></bpmn:definitions>";
        CaseStatus waiting = new CaseStatus(
                CASE,
                CaseStage.AWAITING_VERIFICATION,
                List.of(),
                null,
                "rita",
                Set.of(),
                null,
                null,
                null,
                List.of(
                        new CurrentStep("awaitAnswer", "Wait for the answer", 6),
                        new CurrentStep("recordNoAnswer", "Record: no answer", 1)),
                "leak-review:2:abc");
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(waiting));
        given(inbox.processDiagram("leak-review:2:abc")).willReturn(xml);

        MvcResult result = mvc.perform(get("/cases/" + CASE)).andReturn();
        Document page = Jsoup.parse(result.getResponse().getContentAsString());

        assertThat(page.selectFirst("#current-steps").text())
                .isEqualTo("Current steps: Wait for the answer (6 at once), Record: no answer");
        Element diagram = page.selectFirst("#process-diagram");
        assertThat(diagram.attr("data-bpmn")).isEqualTo(xml);
        assertThat(diagram.attr("data-current")).isEqualTo("awaitAnswer recordNoAnswer");
        assertThat(page.select("script").eachAttr("src"))
                .containsExactly("/review/bpmn-js/bpmn-viewer.production.min.js", "/review/process-diagram.js");
        assertThat(page.select("script"))
                .allSatisfy(script -> assertThat(script.data()).isBlank());
        assertThat(page.select("[style]")).as("no inline style").isEmpty();
        assertThat(result.getResponse().getHeader("Content-Security-Policy"))
                .isEqualTo(StrictHeaders.SCRIPTED_STAFF_CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'")
                .doesNotContain("unsafe")
                .contains("style-src 'self'");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void withoutItsDiagramTheCasePageStillNamesTheStepAndLoadsNoScript() throws Exception {
        CaseStatus triage = new CaseStatus(
                CASE,
                CaseStage.AWAITING_TRIAGE,
                List.of(),
                null,
                null,
                Set.of(),
                null,
                null,
                null,
                List.of(new CurrentStep("triage", "Triage", 1)),
                "gone:1:x");
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(triage));
        given(inbox.processDiagram("gone:1:x")).willThrow(new IllegalArgumentException("no such version"));

        Document page = page("/cases/" + CASE);

        assertThat(page.selectFirst("#current-steps").text()).isEqualTo("Current step: Triage");
        assertThat(page.select("#process-diagram, script")).isEmpty();
    }

    private Document page(String path) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        assertThat(result.getResponse().getStatus()).as("GET %s", path).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static Element request(Document page, VerificationRequest request) {
        return page.selectFirst("article[data-request=" + request.id() + "]");
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
