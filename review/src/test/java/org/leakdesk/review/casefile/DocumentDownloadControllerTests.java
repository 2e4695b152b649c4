package org.leakdesk.review.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakdesk.review.casefile.CaseFiles.CASE;
import static org.leakdesk.review.casefile.CaseFiles.RITA;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.DocumentExports;
import org.leakdesk.review.security.FreshlyChecked;
import org.leakdesk.review.security.StaffSliceTest;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.DocumentDownloads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Downloads of a document: only after the fresh check, as an attachment no browser renders, 404 for a case not given. */
@StaffSliceTest(DocumentDownloadController.class)
class DocumentDownloadControllerTests {

    private static final UUID FILE = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    private static final byte[] MARKUP = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DocumentDownloads downloads;

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theOriginalWaitsForAFreshCheck() throws Exception {
        MvcResult result = mvc.perform(get("/cases/" + CASE + "/documents/" + FILE + "/original"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).startsWith("/confirm?next=");
        verifyNoInteractions(downloads);
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void theOriginalIsAnAttachmentNoBrowserRenders() throws Exception {
        given(downloads.original(eq(CASE), eq(FILE), eq(RITA), any())).willAnswer(call -> {
            DocumentExports.Destination destination = call.getArgument(3);
            try (OutputStream out = destination.open("memo\u202Egnp.html")) {
                out.write(MARKUP);
            }
            return new DocumentExports.Exported(FILE, "memo.html", MARKUP.length);
        });

        MvcResult result = mvc.perform(get("/cases/" + CASE + "/documents/" + FILE + "/original")
                        .with(FreshlyChecked.now()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(MARKUP);
        assertThat(result.getResponse().getContentType()).isEqualTo("application/octet-stream");
        assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(result.getResponse().getHeader("Content-Disposition")).doesNotContain("\u202E");
        assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("sandbox");
    }

    @Test
    @WithMockUser(username = "rita", roles = "REVIEWER")
    void aCaseNotGivenToTheMemberIsNotFoundAndNothingIsSent() throws Exception {
        given(downloads.encryptedTo(eq(CASE), eq(FILE), eq("ABCD"), eq(RITA), any()))
                .willThrow(new CaseNotVisibleException(CASE));

        MvcResult result = mvc.perform(get("/cases/" + CASE + "/documents/" + FILE + "/encrypted")
                        .param("key", "ABCD")
                        .with(FreshlyChecked.now()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(result.getResponse().getHeader("Content-Disposition")).isNull();
    }
}
