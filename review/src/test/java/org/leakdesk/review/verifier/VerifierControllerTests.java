package org.leakdesk.review.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerifierDesk;
import org.leakdesk.workflow.VerifierLinkGoneException;
import org.leakdesk.workflow.VerifierQuestion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The verifier's page: no account, no session, no CSRF token, nothing about the case. */
@StaffSliceTest(VerifierController.class)
class VerifierControllerTests {

    private static final String TOKEN = "q3Zt9xV0bW8c1Lk2Jm7Np4Rs5Tu6Yw0A";
    private static final VerifierQuestion QUESTION = new VerifierQuestion(
            "Federal Agency",
            "Is the planning document on your letterhead genuine?",
            Sharing.EXCERPT,
            "Page 3, paragraph 2: the budget line.",
            List.of(),
            Instant.parse("2026-12-01T23:59:59Z"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VerifierDesk desk;

    @Test
    void theLinkShowsTheQuestionWhatIsSharedAndTheAnswerForm() throws Exception {
        given(desk.open(TOKEN)).willReturn(Optional.of(QUESTION));

        MvcResult result = mvc.perform(get("/verify/" + TOKEN)).andReturn();

        MockHttpServletResponse response = result.getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(response.getContentAsString());
        assertThat(page.selectFirst("#organisation").text()).isEqualTo("Federal Agency");
        assertThat(page.selectFirst("#question").text()).isEqualTo(QUESTION.question());
        assertThat(page.selectFirst("pre#excerpt").text()).isEqualTo("Page 3, paragraph 2: the budget line.");
        assertThat(page.selectFirst("#deadline").text()).isEqualTo("2026-12-01 23:59 UTC");
        assertThat(page.selectFirst("form").attr("action")).isEqualTo("/verify/" + TOKEN);
        assertThat(page.select("input[name=verdict]").eachAttr("value"))
                .containsExactlyElementsOf(
                        Arrays.stream(Verdict.values()).map(Enum::name).toList());
        assertThat(result.getRequest().getSession(false)).isNull();
        assertNothingLeadsIntoTheDesk(response);
    }

    @Test
    void sharedScrubbedCopiesAreOfferedForDownloadByIndex() throws Exception {
        given(desk.open(TOKEN))
                .willReturn(Optional.of(new VerifierQuestion(
                        "Ministry",
                        "Is this yours?",
                        Sharing.SCRUBBED_COPIES,
                        null,
                        List.of("plan.pdf", "annex.docx"),
                        Instant.parse("2026-12-01T23:59:59Z"))));

        Document page = Jsoup.parse(
                mvc.perform(get("/verify/" + TOKEN)).andReturn().getResponse().getContentAsString());

        assertThat(page.select("#shared-copies a").eachAttr("href"))
                .containsExactly("/verify/" + TOKEN + "/copies/0", "/verify/" + TOKEN + "/copies/1");
        assertThat(page.select("#shared-copies a").eachText()).containsExactly("plan.pdf", "annex.docx");
        assertThat(page.select("pre#excerpt")).isEmpty();
    }

    @Test
    void aLinkThatFindsNothingIsABare404WhateverTheReason() throws Exception {
        given(desk.open(anyString())).willReturn(Optional.empty());
        willThrow(new VerifierLinkGoneException()).given(desk).answer(eq(TOKEN), any(), any());

        MockHttpServletResponse unknown =
                mvc.perform(get("/verify/" + TOKEN)).andReturn().getResponse();
        MockHttpServletResponse spent = mvc.perform(post("/verify/" + TOKEN).param("verdict", "CONFIRMED"))
                .andReturn()
                .getResponse();

        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(spent.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString())
                .isEqualTo(spent.getContentAsString())
                .contains("Page not found")
                .doesNotContain("Federal Agency")
                .doesNotContain("<form");
        assertNothingLeadsIntoTheDesk(unknown);
    }

    @Test
    void theAnswerIsTakenWithoutCsrfTokenOrSessionAndThanked() throws Exception {
        MvcResult result = mvc.perform(post("/verify/" + TOKEN)
                        .param("verdict", "CONFIRMED")
                        .param("comment", "Genuine, from our archive."))
                .andReturn();

        verify(desk).answer(TOKEN, Verdict.CONFIRMED, "Genuine, from our archive.");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(Jsoup.parse(result.getResponse().getContentAsString())
                        .selectFirst("#thanks")
                        .text())
                .contains("reached the newsroom");
        assertThat(result.getRequest().getSession(false)).isNull();
        assertNothingLeadsIntoTheDesk(result.getResponse());
    }

    @Test
    void aCommentTheDeskRefusesBringsTheFormBackWithTheMessage() throws Exception {
        given(desk.open(TOKEN)).willReturn(Optional.of(QUESTION));
        willThrow(new InvalidEntryException("Keep the comment under 2000 characters."))
                .given(desk)
                .answer(eq(TOKEN), eq(Verdict.DISPUTED), any());

        MvcResult result = mvc.perform(
                        post("/verify/" + TOKEN).param("verdict", "DISPUTED").param("comment", "x".repeat(3000)))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.selectFirst("#entry-problem").text()).isEqualTo("Keep the comment under 2000 characters.");
        assertThat(page.selectFirst("textarea[name=comment]").text()).hasSize(3000);
    }

    @Test
    void anAnswerWithoutVerdictIsRefusedBeforeTheDesk() throws Exception {
        MvcResult result =
                mvc.perform(post("/verify/" + TOKEN).param("comment", "hm")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        verify(desk, never()).answer(any(), any(), any());
    }

    @Test
    void aSharedCopyIsAnUncachedAttachment() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F'};
        willAnswer(invocation -> {
                    invocation.getArgument(2, OutputStream.class).write(pdf);
                    return null;
                })
                .given(desk)
                .writeSharedCopy(eq(TOKEN), eq(1), any());

        MockHttpServletResponse response =
                mvc.perform(get("/verify/" + TOKEN + "/copies/1")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(response.getHeaders("Cache-Control")).containsExactly("no-store");
        assertThat(response.getContentAsByteArray()).isEqualTo(pdf);
        assertThat(response.getHeaders("Set-Cookie")).isEmpty();
    }

    @Test
    void aSharedCopyOfAGoneLinkIs404() throws Exception {
        willThrow(new VerifierLinkGoneException()).given(desk).writeSharedCopy(eq(TOKEN), anyInt(), any());

        MockHttpServletResponse response =
                mvc.perform(get("/verify/" + TOKEN + "/copies/0")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getHeader("Content-Disposition")).isNull();
    }

    /** No cookie, no caching, no referrer, no way into the staff pages, no case id (nor any other id). */
    private static void assertNothingLeadsIntoTheDesk(MockHttpServletResponse response) throws Exception {
        assertThat(response.getHeaders("Set-Cookie")).isEmpty();
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(StrictHeaders.CONTENT_SECURITY_POLICY);
        String body = response.getContentAsString();
        assertThat(body)
                .doesNotContainPattern("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                .doesNotContain("_csrf")
                .doesNotContain("/cases")
                .doesNotContain("/inbox")
                .doesNotContain("/logout")
                .doesNotContain("/login");
        Document page = Jsoup.parse(body);
        assertThat(page.select("a[href]").eachAttr("href")).allMatch(href -> href.startsWith("/verify/"));
    }
}
