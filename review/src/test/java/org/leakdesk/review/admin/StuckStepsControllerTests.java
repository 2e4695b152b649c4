package org.leakdesk.review.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.StuckStep;
import org.leakdesk.workflow.StuckSteps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@StaffSliceTest(StuckStepsController.class)
class StuckStepsControllerTests {

    private static final StaffMember ADAM = new StaffMember("adam", Set.of(StaffRole.ADMIN));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StuckSteps steps;

    @Test
    @WithMockUser(username = "adam", roles = "ADMIN")
    void eachStuckStepHasARetryButton() throws Exception {
        given(steps.list(ADAM))
                .willReturn(List.of(
                        new StuckStep(
                                "inc-1",
                                UUID.fromString("3f2a9c1b-0000-4000-8000-000000000001"),
                                "Extract metadata",
                                "java.io.IOException",
                                Instant.parse("2026-11-22T05:00:00Z")),
                        new StuckStep(
                                "inc-2",
                                UUID.randomUUID(),
                                "Prepare the publication package",
                                "org.postgresql.util.PSQLException",
                                Instant.parse("2026-11-22T06:00:00Z"))));

        Document page = page();

        assertThat(page.select("tr[data-incident]").eachAttr("data-incident")).containsExactly("inc-1", "inc-2");
        assertThat(page.select("tr[data-incident] form").eachAttr("action"))
                .containsExactly("/admin/stuck/inc-1/retry", "/admin/stuck/inc-2/retry");
        assertThat(page.select("tr[data-incident=inc-1] td").eachText())
                .startsWith("3F2A9C1B", "Extract metadata", "java.io.IOException", "2026-11-22 05:00 UTC");
        assertThat(page.select("a[href=/admin/stuck]"))
                .as("linked in the header")
                .hasSize(1);
        assertThat(page.select("a[href^=/cases]"))
                .as("admins cannot open cases")
                .isEmpty();
    }

    @Test
    @WithMockUser(username = "adam", roles = "ADMIN")
    void nothingStuckSaysSo() throws Exception {
        given(steps.list(ADAM)).willReturn(List.of());

        assertThat(page().selectFirst(".empty").text()).isEqualTo("Nothing is stuck.");
    }

    @Test
    @WithMockUser(username = "adam", roles = "ADMIN")
    void retryGivesTheStepItsRetriesBack() throws Exception {
        MvcResult result =
                mvc.perform(post("/admin/stuck/inc-1/retry").with(csrf())).andReturn();

        verify(steps).retry("inc-1", ADAM);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/admin/stuck?retried");
    }

    @Test
    @WithMockUser(
            username = "rita",
            roles = {"REVIEWER", "EDITOR"})
    void reviewersAndEditorsCannotSeeOrRetryStuckSteps() throws Exception {
        assertThat(mvc.perform(get("/admin/stuck")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/admin/stuck/inc-1/retry").with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        verifyNoInteractions(steps);
    }

    private Document page() throws Exception {
        MvcResult result = mvc.perform(get("/admin/stuck")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }
}
