package org.leakdesk.review.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.StuckStep;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.WaitingCase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@StaffSliceTest(InboxController.class)
class InboxControllerTests {

    private static final StaffMember RITA = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    private static final Instant SINCE = Instant.parse("2026-11-22T05:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CaseInbox inbox;

    @MockitoBean
    CaseWork work;

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void everyKindOfTaskIsListedWithItsLabel() throws Exception {
        List<InboxTask> tasks = Arrays.stream(TaskKind.values())
                .map(kind -> new InboxTask("task-" + kind.ordinal(), kind, UUID.randomUUID(), SINCE, 2, 0, SINCE, null))
                .toList();
        given(inbox.inbox(RITA, InboxFilter.everything(), 0, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(tasks, 0, 50, tasks.size()));
        given(inbox.stuck(RITA)).willReturn(List.of());

        Document page = page();

        assertThat(page.select("tr[data-case] .task-kind").eachText())
                .containsExactlyElementsOf(
                        Arrays.stream(TaskKind.values()).map(TaskKind::label).toList());
        assertThat(page.select("tr[data-case]").eachAttr("data-kind"))
                .containsExactlyElementsOf(
                        Arrays.stream(TaskKind.values()).map(Enum::name).toList());
        assertThat(page.select("tr[data-case] form").eachAttr("action"))
                .containsExactly(
                        "/tasks/task-0/claim", "/tasks/task-1/claim", "/tasks/task-2/claim", "/tasks/task-3/claim");
        assertThat(page.selectFirst("#held-up .empty").text()).isEqualTo("No case is held up.");
        assertThat(page.select("a[href=/admin/stuck]")).as("admins only").isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aLongInboxIsPagedWithLinksBothWays() throws Exception {
        List<InboxTask> second =
                List.of(new InboxTask("task-51", TaskKind.TRIAGE, UUID.randomUUID(), SINCE, 1, 0, SINCE, null));
        given(inbox.inbox(RITA, InboxFilter.everything(), 1, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(second, 1, 50, 120));
        given(inbox.stuck(RITA)).willReturn(List.of());

        MvcResult result = mvc.perform(get("/inbox").param("page", "1")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());

        assertThat(page.selectFirst("#paging span").text()).isEqualTo("Tasks 51–51 of 120");
        assertThat(page.selectFirst("#paging a[rel=prev]").attr("href")).isEqualTo("/inbox");
        assertThat(page.selectFirst("#paging a[rel=next]").attr("href")).isEqualTo("/inbox?page=2");
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void theChosenTabFiltersAndOrderReachTheQueryAndStayInEveryLink() throws Exception {
        StaffMember edna = new StaffMember("edna", Set.of(StaffRole.EDITOR));
        InboxFilter filter = new InboxFilter(
                InboxTab.DECISIONS,
                TaskKind.EDITORIAL_DECISION,
                true,
                Instant.parse("2026-12-02T00:00:00Z"),
                InboxSort.DUE);
        InboxTask overdue = new InboxTask(
                "task-9",
                TaskKind.EDITORIAL_DECISION,
                UUID.randomUUID(),
                SINCE,
                3,
                0,
                SINCE,
                null,
                2,
                Instant.parse("2026-11-30T12:00:00Z"),
                1);
        InboxTask calm =
                new InboxTask("task-10", TaskKind.EDITORIAL_DECISION, UUID.randomUUID(), SINCE, 1, 0, SINCE, null);
        given(inbox.inbox(edna, filter, 1, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(
                        List.of(overdue, calm),
                        1,
                        50,
                        120,
                        Map.of(
                                InboxTab.ALL,
                                300L,
                                InboxTab.MINE,
                                4L,
                                InboxTab.CLAIMABLE,
                                250L,
                                InboxTab.DECISIONS,
                                120L)));
        given(inbox.stuck(edna)).willReturn(List.of());

        MvcResult result = mvc.perform(get("/inbox")
                        .param("tab", "DECISIONS")
                        .param("stage", "EDITORIAL_DECISION")
                        .param("findings", "true")
                        .param("due", "2026-12-01")
                        .param("sort", "DUE")
                        .param("page", "1"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.select("nav.tabs a").eachText())
                .containsExactly("All open work 300", "My tasks 4", "Tasks I can claim 250", "Decisions waiting 120");
        assertThat(page.selectFirst("nav.tabs a[aria-current=page]").attr("data-tab"))
                .isEqualTo("DECISIONS");
        String kept = "stage=EDITORIAL_DECISION&findings=true&due=2026-12-01&sort=DUE";
        assertThat(page.selectFirst("nav.tabs a[data-tab=MINE]").attr("href")).isEqualTo("/inbox?tab=MINE&" + kept);
        assertThat(page.selectFirst("#paging a[rel=next]").attr("href"))
                .isEqualTo("/inbox?tab=DECISIONS&" + kept + "&page=2");
        assertThat(page.selectFirst("#stage option[selected]").val()).isEqualTo("EDITORIAL_DECISION");
        assertThat(page.selectFirst("#findings").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("#due").val()).isEqualTo("2026-12-01");
        assertThat(page.select("tr.overdue").eachAttr("data-case"))
                .containsExactly(overdue.caseId().toString());
        assertThat(page.selectFirst("tr.overdue .badge.overdue").text()).isEqualTo("1 overdue");
        assertThat(page.selectFirst("tr.overdue .badge.findings").text()).isEqualTo("2 with findings");
        for (var control : page.select("#inbox-filters select, #inbox-filters input:not([type=hidden])")) {
            assertThat(page.select("label[for=" + control.id() + "]"))
                    .as(control.id())
                    .hasSize(1);
        }
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aReviewerHasNoDecisionsTabAndAnUnknownTabIsABadRequest() throws Exception {
        given(inbox.inbox(RITA, InboxFilter.everything(), 0, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(List.of(), 0, 50, 0));
        given(inbox.stuck(RITA)).willReturn(List.of());

        assertThat(page().select("nav.tabs a").eachAttr("data-tab"))
                .containsExactly("ALL", "MINE", "CLAIMABLE", "WAITING");
        assertThat(mvc.perform(get("/inbox").param("tab", "EVERYTHING"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void casesHeldUpByAFailedStepAreListedWithALinkToTheCase() throws Exception {
        UUID held = UUID.fromString("9a8b7c6d-0000-4000-8000-000000000001");
        given(inbox.inbox(RITA, InboxFilter.everything(), 0, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(List.of(), 0, 50, 0));
        given(inbox.stuck(RITA))
                .willReturn(
                        List.of(new StuckStep("incident-1", held, "Extract metadata", "java.io.IOException", SINCE)));

        Document page = page();

        assertThat(page.select("#held-up tr[data-stuck-case] td").eachText())
                .containsExactly("9A8B7C6D", "Extract metadata", "2026-11-22 05:00 UTC");
        assertThat(page.selectFirst("#held-up a").attr("href")).isEqualTo("/cases/" + held);
        assertThat(page.select("#held-up").text()).doesNotContain("IOException").doesNotContain("incident-1");
        assertThat(page.select("#held-up .empty")).isEmpty();
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void claimingOpensTheCaseAndUnclaimingGoesBackToTheInbox() throws Exception {
        UUID caseId = UUID.randomUUID();
        given(work.claim("task-7", RITA))
                .willReturn(new InboxTask("task-7", TaskKind.TRIAGE, caseId, SINCE, 1, 0, SINCE, "rita"));

        MvcResult claimed =
                mvc.perform(post("/tasks/task-7/claim").with(csrf())).andReturn();
        MvcResult unclaimed =
                mvc.perform(post("/tasks/task-7/unclaim").with(csrf())).andReturn();

        assertThat(claimed.getResponse().getRedirectedUrl()).isEqualTo("/cases/" + caseId);
        verify(work).unclaim("task-7", RITA);
        assertThat(unclaimed.getResponse().getRedirectedUrl()).isEqualTo("/inbox");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void unclaimingWithoutCsrfTokenIsRefused() throws Exception {
        assertThat(mvc.perform(post("/tasks/task-7/unclaim"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        verifyNoInteractions(work);
    }

    @Test
    @WithMockUser(username = "audrey", roles = "AUDITOR")
    void anAuditorHasNoInbox() throws Exception {
        assertThat(mvc.perform(get("/inbox")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        verifyNoInteractions(inbox);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void casesWaitingForVerificationAreListedSoonestDeadlineFirstWithTheirRequestCountsAndPages() throws Exception {
        InboxFilter waiting = new InboxFilter(InboxTab.WAITING, null, false, null, InboxSort.DUE);
        WaitingCase late = new WaitingCase(
                UUID.fromString("5a5a5a5a-0000-4000-8000-000000000001"),
                SINCE,
                8,
                1,
                2,
                SINCE.plusSeconds(3600),
                6,
                4,
                1,
                1,
                Instant.parse("2026-11-29T23:59:59Z"));
        WaitingCase calm = new WaitingCase(
                UUID.fromString("5a5a5a5a-0000-4000-8000-000000000002"),
                SINCE,
                1,
                0,
                1,
                SINCE,
                2,
                0,
                2,
                0,
                Instant.parse("2026-12-09T23:59:59Z"));
        given(inbox.inbox(RITA, waiting, 1, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(
                        List.of(), 1, 50, 102, Map.of(InboxTab.ALL, 7L, InboxTab.WAITING, 102L), List.of(late, calm)));
        given(inbox.stuck(RITA)).willReturn(List.of());

        MvcResult result = mvc.perform(get("/inbox").param("tab", "WAITING").param("page", "1"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());

        assertThat(page.select("nav.tabs a[data-tab=WAITING]").text()).isEqualTo("Waiting for verification 102");
        assertThat(page.select("nav.tabs a[data-tab=WAITING]").attr("aria-current"))
                .isEqualTo("page");
        assertThat(page.select("#waiting tr[data-waiting-case]").eachAttr("data-waiting-case"))
                .containsExactly(late.caseId().toString(), calm.caseId().toString());
        assertThat(page.select("#waiting tr.overdue").eachAttr("data-waiting-case"))
                .containsExactly(late.caseId().toString());
        assertThat(page.select("tr[data-waiting-case] td").eachText().subList(0, 8))
                .containsExactly(
                        "5A5A5A5A",
                        "2026-11-22 05:00 UTC",
                        "8 1 with findings",
                        "6 round 2, 2026-11-22 06:00 UTC",
                        "4",
                        "1",
                        "1 overdue",
                        "2026-11-29 23:59 UTC");
        assertThat(page.selectFirst("#waiting a.case-ref").attr("href")).isEqualTo("/cases/" + late.caseId());
        assertThat(page.select("#waiting form")).as("nothing to claim").isEmpty();
        assertThat(page.select("table.tasks:not(.waiting)"))
                .as("no task table on this tab")
                .isEmpty();
        assertThat(page.selectFirst("#paging span").text()).isEqualTo("Cases 51–52 of 102");
        assertThat(page.selectFirst("#paging a[rel=next]").attr("href")).isEqualTo("/inbox?tab=WAITING&page=2");
        assertThat(page.selectFirst("nav.tabs a[data-tab=ALL]").attr("href"))
                .as("the default order of this tab does not follow to the others")
                .isEqualTo("/inbox");
    }

    @Test
    @WithMockUser(username = "edna", roles = "EDITOR")
    void anEditorWithoutTheReviewerRoleHasNoWaitingTab() throws Exception {
        StaffMember edna = new StaffMember("edna", Set.of(StaffRole.EDITOR));
        given(inbox.inbox(edna, InboxFilter.everything(), 0, InboxController.PAGE_SIZE))
                .willReturn(new InboxPage(List.of(), 0, 50, 0));
        given(inbox.stuck(edna)).willReturn(List.of());

        assertThat(page().select("nav.tabs a").eachAttr("data-tab"))
                .containsExactly("ALL", "MINE", "CLAIMABLE", "DECISIONS");
        assertThat(page().select("#waiting")).isEmpty();
    }

    private Document page() throws Exception {
        MvcResult result = mvc.perform(get("/inbox")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }
}
