package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.SharedFiles;

/**
 * The packaged jar over the whole shared corpus and the two sample articles, one submission per
 * file: every case reaches triage, every document ends with a result or a recorded failure, and
 * no parser class is ever loaded into the application's JVM (they run in parser children).
 */
class PackagedJarCorpusIT {

    @TempDir
    Path workingDirectory;

    private PackagedApplication application;

    @AfterEach
    void stop() throws InterruptedException {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void everyFileReachesTriageWithAResultAndNoParserRunsInTheApplication() throws Exception {
        // One source sending the whole corpus at once, far faster than the flood limit lets anyone.
        application =
                PackagedApplication.start(workingDirectory, "--leakdesk.source.rate.submissions-per-minute=100000");
        List<Path> files = new ArrayList<>(SharedFiles.corpusFiles());
        files.add(SharedFiles.sample(SharedFiles.PORAVALIT));
        files.add(SharedFiles.sample(SharedFiles.SPECIALEURASIA));
        for (Path file : files) {
            Multipart upload = new Multipart()
                    .file("files", file.getFileName().toString(), "application/octet-stream", Files.readAllBytes(file));
            HttpResponse<String> receipt = SourceApi.submit(application.sourcePort, upload);
            assertThat(receipt.statusCode()).as(file.getFileName().toString()).isEqualTo(201);
        }

        StaffClient reviewer = StaffClient.signIn(
                application.staffPort, "reviewer", application.passwords().get("reviewer"));
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> reviewer.page("/inbox").select("tr[data-case]").size() == files.size());

        List<String> caseLinks =
                reviewer.page("/inbox").select("tr[data-case] a[href^=/cases/]").eachAttr("href");
        assertThat(caseLinks).hasSize(files.size());
        int unparsed = 0;
        for (String link : caseLinks) {
            Document page = reviewer.page(link);
            assertThat(page.text()).as(link).doesNotContain("Metadata has not been extracted yet");
            assertThat(page.select(".detected-type").size()
                            + page.select(".unparsed").size())
                    .as(link)
                    .isPositive();
            unparsed += page.select(".unparsed").size();
        }
        assertThat(unparsed)
                .as("protected, truncated and bomb files are recorded as not parsed")
                .isGreaterThan(3);

        String loaded = loadedClasses(application.process.pid());
        assertThat(loaded)
                .contains("org.leakdesk.intake")
                .doesNotContain("org.apache.tika.parser", "org.apache.pdfbox", "org.apache.poi");
    }

    /** Every class the JVM has loaded, as {@code jcmd VM.class_hierarchy} lists them. */
    private static String loadedClasses(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid),
                        "VM.class_hierarchy")
                .redirectErrorStream(true)
                .start();
        String listing = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return listing;
    }
}
