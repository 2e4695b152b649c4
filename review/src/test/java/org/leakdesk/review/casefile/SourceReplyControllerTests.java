package org.leakdesk.review.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakdesk.review.casefile.CaseFiles.CASE;
import static org.leakdesk.review.casefile.CaseFiles.RITA;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.SourceCorrespondence.Correspondence;
import org.leakdesk.intake.SourceCorrespondence.FollowUp;
import org.leakdesk.intake.SourceCorrespondence.SentReply;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.leakdesk.workflow.TaskKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@StaffSliceTest({SourceReplyController.class, CaseController.class})
@Import(CasePage.class)
@CasePageMocks
class SourceReplyControllerTests {

    private static final Instant HOUR = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SCRIPT = "Page two <script>alert('source')</script>";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CaseInbox inbox;

    @MockitoBean
    SourceConversation conversation;

    @MockitoBean
    org.leakdesk.workflow.CaseWork work;

    @MockitoBean
    org.leakdesk.intake.ScrubbedCopies scrubbedCopies;

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theCasePageShowsTheConversationEscapedWithItsStatesAndTheReplyForm() throws Exception {
        given(inbox.open(CASE, RITA))
                .willReturn(CaseFiles.file(
                        CaseFiles.status(CaseStage.AWAITING_TRIAGE, CaseFiles.task(TaskKind.TRIAGE, "rita"))));
        UUID replyId = UUID.randomUUID();
        given(conversation.read(CASE, RITA))
                .willReturn(new Correspondence(
                        true,
                        List.of(new SentReply(replyId, "rita", "Thanks <b>a lot</b>", HOUR, HOUR, null)),
                        List.of(new FollowUp(UUID.randomUUID(), HOUR, SCRIPT, null, List.of(2, 3)))));

        MvcResult result = mvc.perform(get("/cases/" + CASE)).andReturn();
        String html = result.getResponse().getContentAsString();
        Document page = Jsoup.parse(html);

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>a lot</b>");
        assertThat(page.selectFirst(".follow-up-message").text()).isEqualTo(SCRIPT);
        assertThat(page.selectFirst(".follow-up-documents").text()).isEqualTo("With documents 2, 3 below.");
        assertThat(page.selectFirst("#reply-" + replyId + " .reply-text").text())
                .isEqualTo("Thanks <b>a lot</b>");
        assertThat(page.selectFirst("#reply-" + replyId + " .reply-state").text())
                .isEqualTo("Read by the source 2026-12-03 10:00 UTC.");
        assertThat(page.select("form#reply-form[action=/cases/" + CASE + "/replies] textarea[name=text]"))
                .hasSize(1);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aSourceWhoCannotReceiveRepliesGetsNoForm() throws Exception {
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(CaseFiles.status(CaseStage.AWAITING_TRIAGE, null)));
        given(conversation.read(CASE, RITA)).willReturn(new Correspondence(false, List.of(), List.of()));

        Document page = Jsoup.parse(
                mvc.perform(get("/cases/" + CASE)).andReturn().getResponse().getContentAsString());

        assertThat(page.select("#reply-form")).isEmpty();
        assertThat(page.selectFirst("#no-replies-possible")).isNotNull();
        assertThat(page.selectFirst("#no-conversation")).isNotNull();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aReplyIsSentAndTheCasePageSaysSo() throws Exception {
        MvcResult result = mvc.perform(post("/cases/" + CASE + "/replies")
                        .param("text", "Can you send page two?")
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "?done=reply#conversation");
        verify(conversation).reply(CASE, RITA, "Can you send page two?");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aRefusedReplyShowsTheCaseAgainWithWhatWasTyped() throws Exception {
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(CaseFiles.status(CaseStage.AWAITING_TRIAGE, null)));
        given(conversation.read(CASE, RITA)).willReturn(new Correspondence(true, List.of(), List.of()));
        String tooLong = "x".repeat(20);
        willThrow(new InvalidEntryException("A reply can be at most 10 characters long."))
                .given(conversation)
                .reply(CASE, RITA, tooLong);

        MvcResult result = mvc.perform(post("/cases/" + CASE + "/replies")
                        .param("text", tooLong)
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.selectFirst("#entry-problem").text()).isEqualTo("A reply can be at most 10 characters long.");
        assertThat(page.selectFirst("#reply-text").text()).isEqualTo(tooLong);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void noReplyWithoutTheFormsToken() throws Exception {
        int status = mvc.perform(post("/cases/" + CASE + "/replies").param("text", "hello"))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(status).isEqualTo(403);
        verifyNoInteractions(conversation);
    }
}
