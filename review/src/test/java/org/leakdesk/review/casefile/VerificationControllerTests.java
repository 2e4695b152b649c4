package org.leakdesk.review.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakdesk.review.casefile.CaseFiles.CASE;
import static org.leakdesk.review.casefile.CaseFiles.EDNA;
import static org.leakdesk.review.casefile.CaseFiles.RITA;
import static org.leakdesk.review.casefile.CaseFiles.TASK;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.leakdesk.workflow.VerifierLink;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@StaffSliceTest(VerificationController.class)
@Import(CasePage.class)
@CasePageMocks
class VerificationControllerTests {

    private static final UUID REQUEST = UUID.fromString("0b1c2d3e-0000-4000-8000-000000000001");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CaseWork work;

    @MockitoBean
    CaseInbox inbox;

    @MockitoBean
    SourceConversation conversation;

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aRequestIsAddedAsADraftRunningToTheEndOfItsDeadlineDayUtc() throws Exception {
        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests")
                        .param("caseId", CASE.toString())
                        .param("organisation", "Federal Agency")
                        .param("contact", "press desk")
                        .param("question", "Is page 3 yours?")
                        .param("sharing", "EXCERPT")
                        .param("excerpt", "Page 3, paragraph 2")
                        .param("deadline", "2026-12-01")
                        .with(csrf()))
                .andReturn();

        verify(work)
                .addVerificationRequest(
                        TASK,
                        RITA,
                        new VerificationRequestDraft(
                                "Federal Agency",
                                "press desk",
                                "Is page 3 yours?",
                                Sharing.EXCERPT,
                                "Page 3, paragraph 2",
                                Instant.parse("2026-12-01T23:59:59Z")));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "#verification-task");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aRequestWithSomethingMissingIsShownAgainWithWhatWasTyped() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(CaseFiles.status(
                        CaseStage.PREPARING_VERIFICATION, CaseFiles.task(TaskKind.PREPARE_VERIFICATION, "rita"))));

        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests")
                        .param("caseId", CASE.toString())
                        .param("organisation", "")
                        .param("contact", "press desk")
                        .param("question", "Is page 3 yours?")
                        .param("sharing", "NOTHING")
                        .param("deadline", "2026-12-01")
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.selectFirst("#entry-problem").text()).isEqualTo("Give the organisation.");
        assertThat(page.selectFirst("#add-request input[name=contact]").val()).isEqualTo("press desk");
        assertThat(page.selectFirst("#add-request textarea[name=question]").text())
                .isEqualTo("Is page 3 yours?");
        assertThat(page.selectFirst("#add-request input[name=deadline]").val()).isEqualTo("2026-12-01");
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aRequestWithoutDeadlineIsShownAgainWithTheMessage() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(CaseFiles.status(
                        CaseStage.PREPARING_VERIFICATION, CaseFiles.task(TaskKind.PREPARE_VERIFICATION, "rita"))));

        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests")
                        .param("caseId", CASE.toString())
                        .param("organisation", "Federal Agency")
                        .param("contact", "press desk")
                        .param("question", "Is page 3 yours?")
                        .param("sharing", "NOTHING")
                        .param("deadline", "")
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(result.getResponse().getContentAsString())
                        .selectFirst("#entry-problem")
                        .text())
                .isEqualTo("Give the day the request runs out.");
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aDraftIsRemoved() throws Exception {
        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests/" + REQUEST + "/remove")
                        .param("caseId", CASE.toString())
                        .with(csrf()))
                .andReturn();

        verify(work).removeVerificationRequest(TASK, RITA, REQUEST);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "#verification-task");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void sendingShowsEachLinkOnceAsAFullAddressOnTheStaffFace() throws Exception {
        given(work.sendVerificationRequests(TASK, RITA))
                .willReturn(List.of(
                        new VerifierLink(UUID.randomUUID(), "Federal Agency", "tokenA-0123456789abcdefghij"),
                        new VerifierLink(UUID.randomUUID(), "Ministry", "tokenB-0123456789abcdefghij")));

        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests/send")
                        .param("caseId", CASE.toString())
                        .with(csrf())
                        .with(request -> {
                            request.setScheme("https");
                            return request;
                        })
                        .header("Host", "desk.newsroom.internal:8443"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String body = result.getResponse().getContentAsString();
        Document page = Jsoup.parse(body);
        assertThat(page.select(".verifier-link").eachText())
                .containsExactly(
                        "https://desk.newsroom.internal:8443/verify/tokenA-0123456789abcdefghij",
                        "https://desk.newsroom.internal:8443/verify/tokenB-0123456789abcdefghij");
        assertThat(body.split("tokenA-0123456789abcdefghij", -1)).hasSize(2);
        assertThat(body.split("tokenB-0123456789abcdefghij", -1)).hasSize(2);
        assertThat(page.select("td.organisation").eachText()).containsExactly("Federal Agency", "Ministry");
        assertThat(page.text()).contains("Shown only this once").contains("secure channel");
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void sendingAnEmptyRoundShowsTheCaseAgainWithTheMessage() throws Exception {
        given(work.sendVerificationRequests(TASK, RITA))
                .willThrow(new InvalidEntryException("Add at least one request before sending."));
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(CaseFiles.status(
                        CaseStage.PREPARING_VERIFICATION, CaseFiles.task(TaskKind.PREPARE_VERIFICATION, "rita"))));

        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/verification-requests/send")
                        .param("caseId", CASE.toString())
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(result.getResponse().getContentAsString())
                        .selectFirst("#entry-problem")
                        .text())
                .isEqualTo("Add at least one request before sending.");
    }

    @Test
    @WithMockUser(username = "ravi", roles = "REVIEWER")
    void anAnswerReceivedByOtherMeansIsRecorded() throws Exception {
        MvcResult result = mvc.perform(post("/cases/" + CASE + "/verification-requests/" + REQUEST + "/answer")
                        .param("verdict", "DISPUTED")
                        .param("comment", "By phone: not their letterhead.")
                        .with(csrf()))
                .andReturn();

        verify(work)
                .recordAnswer(
                        CASE,
                        REQUEST,
                        new org.leakdesk.infra.StaffMember("ravi", RITA.roles()),
                        Verdict.DISPUTED,
                        "By phone: not their letterhead.");
        assertThat(result.getResponse().getRedirectedUrl())
                .isEqualTo("/cases/" + CASE + "?done=answer#request-" + REQUEST);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aNewLinkIsShownOnce() throws Exception {
        given(work.reissueLink(CASE, REQUEST, RITA))
                .willReturn(new VerifierLink(REQUEST, "Ministry", "tokenC-0123456789abcdefghij"));

        MvcResult result = mvc.perform(post("/cases/" + CASE + "/verification-requests/" + REQUEST + "/link")
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.select(".verifier-link").eachText())
                .containsExactly("http://localhost/verify/tokenC-0123456789abcdefghij");
        assertThat(page.selectFirst("h1").text()).isEqualTo("The verifier link");
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void anEditorCannotRecordAnswersOrMakeLinks() throws Exception {
        MockHttpServletRequestBuilder answer = post("/cases/" + CASE + "/verification-requests/" + REQUEST + "/answer")
                .param("verdict", "CONFIRMED")
                .with(csrf());
        MockHttpServletRequestBuilder link = post("/cases/" + CASE + "/verification-requests/" + REQUEST + "/link")
                .with(csrf());

        assertThat(mvc.perform(answer).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(link).andReturn().getResponse().getStatus()).isEqualTo(403);
        verify(work, never()).recordAnswer(any(), any(), any(), any(), any());
        verify(work, never()).reissueLink(any(), any(), any());
        assertThat(EDNA.username()).isEqualTo("edna");
    }
}
