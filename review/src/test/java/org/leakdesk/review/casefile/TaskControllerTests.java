package org.leakdesk.review.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakdesk.review.casefile.CaseFiles.CASE;
import static org.leakdesk.review.casefile.CaseFiles.EDNA;
import static org.leakdesk.review.casefile.CaseFiles.RITA;
import static org.leakdesk.review.casefile.CaseFiles.TASK;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.FourEyesException;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TriageDecision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@StaffSliceTest(TaskController.class)
@Import(CasePage.class)
@CasePageMocks
class TaskControllerTests {

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
    void triageSendsTheTypedDecisionOfTheChosenOutcome() throws Exception {
        MvcResult sent =
                mvc.perform(form("triage", "outcome", "SEND_TO_EDITOR")).andReturn();
        MvcResult verify =
                mvc.perform(form("triage", "outcome", "REQUEST_VERIFICATION")).andReturn();
        MvcResult rejected = mvc.perform(form("triage", "outcome", "REJECT", "reason", "  Not credible.  "))
                .andReturn();

        verify(work).completeTriage(TASK, RITA, new TriageDecision.SendToEditor());
        verify(work).completeTriage(TASK, RITA, new TriageDecision.RequestVerification());
        verify(work).completeTriage(TASK, RITA, new TriageDecision.Reject("Not credible."));
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "?done=triage");
        // After "request verification" the case page is where the new task waits for the member.
        assertThat(verify.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "?done=triage");
        assertThat(rejected.getResponse().getStatus()).isEqualTo(302);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void rejectingWithoutAReasonShowsTheFormAgainWithTheMessage() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "rita"))));

        MvcResult result =
                mvc.perform(form("triage", "outcome", "REJECT", "reason", "  ")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.selectFirst("#entry-problem").text()).isEqualTo("Give a reason for rejecting.");
        assertThat(page.select("form[action=/tasks/" + TASK + "/triage]")).hasSize(1);
        verify(work, never()).completeTriage(any(), any(), any());
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void anOutcomeThatIsNotInTheEnumIsABadRequest() throws Exception {
        MvcResult result = mvc.perform(form("triage", "outcome", "PUBLISH")).andReturn();
        MvcResult none = mvc.perform(form("triage")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(none.getResponse().getStatus()).isEqualTo(400);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theAssessmentIsPassedAsTyped() throws Exception {
        MvcResult result = mvc.perform(
                        form("assessment", "recommendation", "MORE_VERIFICATION", "summary", "Two did not answer."))
                .andReturn();

        verify(work).assess(TASK, RITA, Assessment.of(Recommendation.MORE_VERIFICATION, "Two did not answer."));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "?done=assessment");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void anAssessmentWithoutSummaryShowsTheFormAgain() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_ASSESSMENT, CaseFiles.task(TaskKind.ASSESSMENT, "rita"))));

        MvcResult result =
                mvc.perform(form("assessment", "recommendation", "PUBLISH")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(result.getResponse().getContentAsString())
                        .selectFirst("#entry-problem")
                        .text())
                .isEqualTo("Give a summary of the verification.");
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void eachEditorialOutcomeIsPassedAsItsTypedDecision() throws Exception {
        mvc.perform(form("decision", "outcome", "PUBLISH", "until", "", "note", ""))
                .andReturn();
        mvc.perform(form("decision", "outcome", "HOLD", "until", "2026-12-15", "note", ""))
                .andReturn();
        mvc.perform(form("decision", "outcome", "MORE_VERIFICATION", "note", "Ask the ministry."))
                .andReturn();
        MvcResult rejected = mvc.perform(form("decision", "outcome", "REJECT", "note", "Too thin."))
                .andReturn();

        verify(work).decide(TASK, EDNA, new EditorialDecision.Publish());
        verify(work).decide(TASK, EDNA, new EditorialDecision.Hold(LocalDate.of(2026, 12, 15)));
        verify(work).decide(TASK, EDNA, new EditorialDecision.MoreVerification("Ask the ministry."));
        verify(work).decide(TASK, EDNA, new EditorialDecision.Reject("Too thin."));
        assertThat(rejected.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "?done=decision");
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void holdingWithoutADateShowsTheFormAgainWithWhatWasTyped() throws Exception {
        given(inbox.open(CASE, EDNA))
                .willReturn(
                        CaseFiles.file(CaseFiles.decisionStatus(CaseFiles.task(TaskKind.EDITORIAL_DECISION, "edna"))));

        MvcResult result = mvc.perform(form("decision", "outcome", "HOLD", "until", "", "note", "Wait for the vote."))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.selectFirst("#entry-problem").text()).isEqualTo("Give the date until which the case is held.");
        assertThat(page.selectFirst("textarea[name=note]").text()).isEqualTo("Wait for the vote.");
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void theFourEyesRefusalIsAForbiddenPageThatSaysWhy() throws Exception {
        willThrow(new FourEyesException()).given(work).decide(TASK, EDNA, new EditorialDecision.Publish());

        MvcResult result = mvc.perform(form("decision", "outcome", "PUBLISH")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(result.getResponse().getContentAsString()).contains("four-eyes");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aReviewerCannotDecide() throws Exception {
        assertThat(status(form("decision", "outcome", "PUBLISH"))).isEqualTo(403);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void anEditorCannotTriageAssessOrWriteRequests() throws Exception {
        assertThat(status(form("triage", "outcome", "SEND_TO_EDITOR"))).isEqualTo(403);
        assertThat(status(form("assessment", "recommendation", "PUBLISH", "summary", "x")))
                .isEqualTo(403);
        assertThat(status(post("/tasks/" + TASK + "/verification-requests/send")
                        .param("caseId", CASE.toString())
                        .with(csrf())))
                .isEqualTo(403);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "audrey", roles = "AUDITOR")
    void anAuditorCannotTriageOrDecide() throws Exception {
        assertThat(status(form("triage", "outcome", "SEND_TO_EDITOR"))).isEqualTo(403);
        assertThat(status(form("decision", "outcome", "PUBLISH"))).isEqualTo(403);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "adam", roles = "ADMIN")
    void anAdminCannotTriageOrDecide() throws Exception {
        assertThat(status(form("triage", "outcome", "SEND_TO_EDITOR"))).isEqualTo(403);
        assertThat(status(form("decision", "outcome", "PUBLISH"))).isEqualTo(403);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aTaskFormWithoutItsCsrfTokenIsRefused() throws Exception {
        MvcResult result = mvc.perform(post("/tasks/" + TASK + "/triage")
                        .param("caseId", CASE.toString())
                        .param("outcome", "SEND_TO_EDITOR"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        verifyNoInteractions(work);
    }

    private static MockHttpServletRequestBuilder form(String step, String... params) {
        MockHttpServletRequestBuilder request = post("/tasks/" + TASK + "/" + step)
                .param("caseId", CASE.toString())
                .with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }
}
