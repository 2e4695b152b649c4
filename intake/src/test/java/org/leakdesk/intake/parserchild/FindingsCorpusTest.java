package org.leakdesk.intake.parserchild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.tika.io.TikaInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.internal.FindingRules;
import org.leakdesk.intake.parsing.ParserLimits;

/**
 * The finding rules on what Tika really reports for files of the shared corpus, parsed as a
 * parser child parses them (here in the test JVM, which holds no key).
 */
class FindingsCorpusTest {

    static DocumentParsing parsing;

    @BeforeAll
    static void load() {
        parsing = new DocumentParsing(new ParserLimits(100_000, 200, 5, 64L << 20, false));
    }

    @Test
    void theGpsPositionAndCameraOfAPhoto() throws Exception {
        assertThat(findings("testJPEG_GEO.jpg"))
                .contains(new Finding(FindingType.GPS_POSITION, "", "geo:lat, geo:long", "12.54321, -54.1234"))
                .contains(new Finding(FindingType.CAMERA, "", "tiff:Make, tiff:Model", "Canon Canon EOS 40D"));
        assertThat(findings("testJPEG_EXIF.jpg"))
                .extracting(Finding::type)
                .contains(FindingType.CAMERA)
                .doesNotContain(FindingType.GPS_POSITION);
    }

    @Test
    void theIncrementalUpdatesOfAPdfWithEachRevisionsDate() throws Exception {
        assertThat(findings("testPDF_incrementalUpdates.pdf"))
                .contains(new Finding(
                        FindingType.INCREMENTAL_UPDATE,
                        "",
                        "pdf:incrementalUpdateCount",
                        "2 updates after it was first saved"))
                .contains(new Finding(
                        FindingType.INCREMENTAL_UPDATE,
                        "/version-number-0",
                        "dcterms:modified",
                        "earlier revision /version-number-0, saved 2023-04-10T16:37:44Z"));
    }

    @Test
    void theCustomPropertiesAuthorsAndCompanyOfAWordDocument() throws Exception {
        assertThat(findings("testWORD_custom_props.docx"))
                .contains(new Finding(FindingType.AUTHOR, "", "dc:creator", "EJ04325S"))
                .contains(new Finding(FindingType.LAST_AUTHOR, "", "meta:last-author", "Etienne Jouvin"))
                .contains(new Finding(FindingType.COMPANY, "", "extended-properties:Company", "EDF-DIT"))
                .contains(new Finding(
                        FindingType.CUSTOM_PROPERTY, "", "custom:MyCustomString", "MyCustomString = MyStringValue"));
    }

    @Test
    void theRoutingHeadersAndAddressesOfAnEmail() throws Exception {
        List<Finding> findings = findings("testMSG.msg");

        assertThat(findings)
                .extracting(Finding::field)
                .contains("Message:Raw-Header:Received", "Message:Raw-Header:Message-ID");
        assertThat(findings)
                .contains(new Finding(FindingType.EMAIL_ADDRESS, "", "Message:From-Email", "jukka.zitting@gmail.com"));
    }

    @Test
    void embeddedFilesAreHiddenContent() throws Exception {
        assertThat(findings("testPDF_childAttachments.pdf"))
                .filteredOn(f -> f.type() == FindingType.EMBEDDED_FILE)
                .extracting(Finding::documentPath)
                .contains("/Unit10.doc");
        assertThat(findings("test_recursive_embedded.docx"))
                .filteredOn(f -> f.type() == FindingType.EMBEDDED_FILE)
                .extracting(Finding::documentPath)
                .contains("/embed1.zip", "/embed1.zip/embed2.zip/embed2a.txt")
                .doesNotContain("/image1.emf");
    }

    @Test
    void encryptedDocuments() throws Exception {
        assertThat(findings("testPDF_protected.pdf")).extracting(Finding::type).contains(FindingType.ENCRYPTED);
        assertThat(findings("testWORD_protected_passtika.docx"))
                .extracting(Finding::type)
                .contains(FindingType.ENCRYPTED);
    }

    @Test
    void anOrdinaryTextHasNoFindings() throws Exception {
        assertThat(findings(SharedFiles.sample(SharedFiles.PORAVALIT))).isEmpty();
    }

    private static List<Finding> findings(String corpusFile) throws Exception {
        return findings(SharedFiles.corpus(corpusFile));
    }

    private static List<Finding> findings(Path file) throws Exception {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return FindingRules.findings(
                    parsing.parse(in, file.getFileName().toString()).documents(), Instant.now());
        }
    }
}
