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
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotes;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The notes and labels of the case page: shown escaped, written through the workflow, refused with the page again. */
@StaffSliceTest({CaseNotesController.class, CaseController.class})
@Import(CasePage.class)
@CasePageMocks
class CaseNotesControllerTests {

    private static final String NOTE = "Called the ministry <script>alert('x')</script>";

    @Autowired
    MockMvc mvc;

    @Autowired
    CaseNotes notes;

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
    void theCasePageShowsNotesEscapedAndLabelsEachWithItsRemoveForm() throws Exception {
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(CaseFiles.status(CaseStage.AWAITING_TRIAGE, null)));
        given(notes.read(CASE, RITA))
                .willReturn(new CaseNotes.Notebook(
                        List.of(new CaseNotes.Note(
                                UUID.randomUUID(), NOTE, "rita", Instant.parse("2026-12-03T10:00:00Z"))),
                        List.of("FSB", "needs translation"),
                        true));

        String html =
                mvc.perform(get("/cases/" + CASE)).andReturn().getResponse().getContentAsString();
        Document page = Jsoup.parse(html);

        assertThat(html).doesNotContain("<script>alert");
        assertThat(page.select("#notes .note-text").eachText()).containsExactly(NOTE);
        assertThat(page.select("#notes li[data-label]").eachAttr("data-label"))
                .containsExactly("FSB", "needs translation");
        assertThat(page.select("#notes form[action=/cases/" + CASE + "/labels/remove] input[name=label]")
                        .eachAttr("value"))
                .containsExactly("FSB", "needs translation");
        assertThat(page.select("#notes form[action=/cases/" + CASE + "/notes] textarea[name=text]"))
                .hasSize(1);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aNoteAndALabelAreWrittenThroughTheWorkflow() throws Exception {
        MvcResult note = mvc.perform(post("/cases/" + CASE + "/notes")
                        .param("text", "Sent to legal")
                        .with(csrf()))
                .andReturn();
        MvcResult label = mvc.perform(
                        post("/cases/" + CASE + "/labels").param("label", "FSB").with(csrf()))
                .andReturn();
        MvcResult removed = mvc.perform(post("/cases/" + CASE + "/labels/remove")
                        .param("label", "FSB")
                        .with(csrf()))
                .andReturn();

        assertThat(note.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "#notes");
        assertThat(label.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "#notes");
        assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + CASE + "#notes");
        verify(notes).addNote(CASE, RITA, "Sent to legal");
        verify(notes).addLabel(CASE, RITA, "FSB");
        verify(notes).removeLabel(CASE, RITA, "FSB");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void anOddLabelShowsTheCaseAgainWithTheReason() throws Exception {
        given(inbox.open(CASE, RITA)).willReturn(CaseFiles.file(CaseFiles.status(CaseStage.AWAITING_TRIAGE, null)));
        given(notes.read(CASE, RITA)).willReturn(new CaseNotes.Notebook(List.of(), List.of(), true));
        willThrow(new InvalidEntryException("Use letters, digits, spaces and - _ . / in a label."))
                .given(notes)
                .addLabel(CASE, RITA, "<b>");

        MvcResult result = mvc.perform(
                        post("/cases/" + CASE + "/labels").param("label", "<b>").with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(result.getResponse().getContentAsString())
                        .selectFirst("#entry-problem")
                        .text())
                .isEqualTo("Use letters, digits, spaces and - _ . / in a label.");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void noNoteWithoutTheFormsToken() throws Exception {
        int status = mvc.perform(post("/cases/" + CASE + "/notes").param("text", "hello"))
                .andReturn()
                .getResponse()
                .getStatus();

        assertThat(status).isEqualTo(403);
        verifyNoInteractions(notes);
    }
}
