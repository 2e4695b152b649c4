package org.leakdesk.intake.parserchild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.leakdesk.intake.FindingType.AUTHOR;
import static org.leakdesk.intake.FindingType.CAMERA;
import static org.leakdesk.intake.FindingType.COMPANY;
import static org.leakdesk.intake.FindingType.CUSTOM_PROPERTY;
import static org.leakdesk.intake.FindingType.EMAIL_ADDRESS;
import static org.leakdesk.intake.FindingType.EMAIL_HEADER;
import static org.leakdesk.intake.FindingType.EMBEDDED_FILE;
import static org.leakdesk.intake.FindingType.ENCRYPTED;
import static org.leakdesk.intake.FindingType.GPS_POSITION;
import static org.leakdesk.intake.FindingType.INCREMENTAL_UPDATE;
import static org.leakdesk.intake.FindingType.LAST_AUTHOR;
import static org.leakdesk.intake.FindingType.USER_NAME_IN_PATH;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.internal.FindingRules;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParserLimits;

/**
 * The real parser child's parsing, run in the test JVM, over the shared Tika corpus: the findings
 * a reviewer would see for files whose metadata is known.
 */
class CorpusFindingsTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static DocumentParsing parsing;

    @BeforeAll
    static void parser() {
        parsing = new DocumentParsing(new ParserLimits(100_000, 100, 5, 64L << 20, false));
    }

    static List<Finding> findings(String corpusFile) throws IOException {
        Path file = SharedFiles.corpus(corpusFile);
        try (InputStream in = Files.newInputStream(file)) {
            ParseReport report = parsing.parse(in, corpusFile);
            return FindingRules.findings(report.documents(), NOW);
        }
    }

    static List<Tuple> of(List<Finding> findings, FindingType type) {
        return findings.stream()
                .filter(finding -> finding.type() == type)
                .map(finding -> tuple(finding.documentPath(), finding.field(), finding.value()))
                .toList();
    }

    @Test
    void gpsPositionOfAGeotaggedPhoto() throws IOException {
        assertThat(of(findings("testJPEG_GEO.jpg"), GPS_POSITION))
                .containsExactly(tuple("", "geo:lat, geo:long", "12.54321, -54.1234"));
    }

    @Test
    void cameraOfAPhoto() throws IOException {
        List<Finding> found = findings("testJPEG_EXIF.jpg");

        assertThat(of(found, CAMERA))
                .containsExactly(tuple("", "tiff:Make", "Canon"), tuple("", "tiff:Model", "Canon EOS 40D"));
        assertThat(of(found, GPS_POSITION)).isEmpty();
    }

    @Test
    void incrementalUpdatesOfAPdfWithEachEarlierRevisionAndItsDate() throws IOException {
        List<Finding> found = findings("testPDF_incrementalUpdates.pdf");

        assertThat(of(found, INCREMENTAL_UPDATE))
                .containsExactly(
                        tuple("", "pdf:incrementalUpdateCount", "2"),
                        tuple(
                                "/version-number-0",
                                "pdf:incrementalUpdateNumber",
                                "earlier revision 0 (pdf:docinfo:modified 2023-04-10T16:37:44Z)"),
                        tuple(
                                "/version-number-1",
                                "pdf:incrementalUpdateNumber",
                                "earlier revision 1 (pdf:docinfo:modified 2023-04-10T16:38:50Z)"));
        // the revisions are the file's own past, not files hidden in it
        assertThat(of(found, EMBEDDED_FILE)).isEmpty();
    }

    @Test
    void customPropertiesAuthorAndCompanyOfAWordFile() throws IOException {
        List<Finding> found = findings("testWORD_custom_props.docx");

        assertThat(of(found, CUSTOM_PROPERTY))
                .containsExactly(
                        tuple("", "custom:MyCustomDate", "2010-12-30T23:00:00Z"),
                        tuple("", "custom:MyCustomString", "MyStringValue"),
                        tuple("", "custom:myCustomBoolean", "true"),
                        tuple("", "custom:myCustomNumber", "3"),
                        tuple("", "custom:myCustomSecondDate", "2010-12-29T22:00:00Z"));
        assertThat(of(found, AUTHOR)).containsExactly(tuple("", "dc:creator", "EJ04325S"));
        assertThat(of(found, LAST_AUTHOR)).containsExactly(tuple("", "meta:last-author", "Etienne Jouvin"));
        assertThat(of(found, COMPANY)).containsExactly(tuple("", "extended-properties:Company", "EDF-DIT"));
    }

    @Test
    void authorAndCompanyOfAWordFileAttachedToAPdf() throws IOException {
        List<Finding> found = findings("testPDF_childAttachments.pdf");

        assertThat(of(found, EMBEDDED_FILE))
                .containsExactly(
                        tuple(
                                "/Press Quality(1).joboptions",
                                "X-TIKA:embedded_resource_path",
                                "/Press Quality(1).joboptions (text/plain)"),
                        tuple("/Unit10.doc", "X-TIKA:embedded_resource_path", "/Unit10.doc (application/msword)"));
        assertThat(of(found, AUTHOR))
                .containsExactly(
                        tuple("", "dc:creator", "W:CAR:MP:FP"), tuple("/Unit10.doc", "dc:creator", "Brian Dille"));
        assertThat(of(found, COMPANY))
                .containsExactly(tuple("/Unit10.doc", "extended-properties:Company", "Odessa_College"));
    }

    @Test
    void filesNestedInZipsInAWordFileAndTheUserFolderTheyCameFrom() throws IOException {
        List<Finding> found = findings("test_recursive_embedded.docx");

        assertThat(of(found, EMBEDDED_FILE))
                .contains(
                        tuple("/embed1.zip", "X-TIKA:embedded_resource_path", "/embed1.zip (application/zip)"),
                        tuple(
                                "/embed1.zip/embed2.zip/embed3.zip/embed3.txt",
                                "X-TIKA:embedded_resource_path",
                                "/embed1.zip/embed2.zip/embed3.zip/embed3.txt (text/plain)"))
                .hasSize(11);
        assertThat(of(found, USER_NAME_IN_PATH))
                .containsExactly(tuple("/embed1.zip", "X-TIKA:origResourceName", "C:\\Users\\tallison"));
    }

    @Test
    void senderAndRecipientsOfAnEmail() throws IOException {
        List<Finding> found = findings("testRFC822_multipart_attachments.eml");

        assertThat(of(found, EMAIL_HEADER))
                .contains(
                        tuple("", "Message:From-Email", "Bugs.Bunny@acme.com"),
                        tuple("", "Message-From", "Bugs Bunny <Bugs.Bunny@acme.com>"),
                        tuple("", "Message-To", "Bugs Bunny <Bugs.Bunny@acme.com>"));
        assertThat(of(found, EMAIL_ADDRESS)).containsExactly(tuple("", "dc:creator", "Bugs.Bunny@acme.com"));
        assertThat(of(found, EMBEDDED_FILE))
                .containsExactly(
                        tuple("/Test TxtA.txt", "X-TIKA:embedded_resource_path", "/Test TxtA.txt (text/plain)"),
                        tuple("/Test TxtB.txt", "X-TIKA:embedded_resource_path", "/Test TxtB.txt (text/plain)"));
    }

    @Test
    void routingOfAnOutlookMessage() throws IOException {
        List<Finding> found = findings("testMSG.msg");

        assertThat(of(found, EMAIL_HEADER))
                .contains(
                        tuple("", "Message:From-Email", "jukka.zitting@gmail.com"),
                        tuple(
                                "",
                                "Message:Raw-Header:Message-ID",
                                "<510143ac0901291116s5f368dfby9d6423ce61acc36a@mail.gmail.com>"),
                        tuple(
                                "",
                                "Message:Raw-Header:Received",
                                "from irp1.ptc.com ([12.11.148.83]) by hq-ex3fe3.ptcnet.ptc.com with Microsoft"
                                        + " SMTPSVC(6.0.3790.3959); Thu, 29 Jan 2009 14:17:10 -0500"));
    }

    @Test
    void encryptionOfAProtectedPdfAndAPasswordProtectedWordFile() throws IOException {
        assertThat(of(findings("testPDF_protected.pdf"), ENCRYPTED))
                .containsExactly(tuple("", "pdf:encrypted", "true"));
        assertThat(of(findings("testWORD_protected_passtika.docx"), ENCRYPTED))
                .containsExactly(tuple("", "X-TIKA:encrypted", "true"));
        assertThat(of(findings("testPDF.pdf"), ENCRYPTED)).isEmpty();
    }

    @Test
    void noFindingQuotesTheDocumentText() throws IOException {
        String name = "testWORD_custom_props.docx";
        try (InputStream in = Files.newInputStream(SharedFiles.corpus(name))) {
            ParseReport report = parsing.parse(in, name);
            List<Finding> found = FindingRules.findings(report.documents(), NOW);

            // the body, which no metadata field holds (the text also starts with the title)
            assertThat(report.documents().get(0).text()).endsWith("Document content");
            assertThat(found)
                    .isNotEmpty()
                    .extracting(Finding::value)
                    .noneMatch(value -> value.contains("Document content"));
        }
    }
}
