package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** One rule at a time, on metadata written by hand; FindingsCorpusTest runs them on real files. */
class FindingRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void namesOrganisationsAndCustomPropertiesAreIdentifying() {
        List<Finding> findings = findings(file(
                "dc:creator", "Jane Roe",
                "meta:author", "Jane Roe",
                "meta:last-author", "John Doe",
                "extended-properties:Company", "Ministry of Truth",
                "extended-properties:Manager", "Big Brother",
                "custom:ProjectCode", "ALPHA-7"));

        assertThat(findings)
                .containsExactly(
                        new Finding(FindingType.AUTHOR, "", "dc:creator", "Jane Roe"),
                        new Finding(FindingType.LAST_AUTHOR, "", "meta:last-author", "John Doe"),
                        new Finding(FindingType.COMPANY, "", "extended-properties:Company", "Ministry of Truth"),
                        new Finding(FindingType.MANAGER, "", "extended-properties:Manager", "Big Brother"),
                        new Finding(FindingType.CUSTOM_PROPERTY, "", "custom:ProjectCode", "ProjectCode = ALPHA-7"));
    }

    @Test
    void aTemplateIsIdentifyingOnlyWhenItIsAPath() {
        assertThat(types(file("extended-properties:Template", "Normal.dotm"))).isEmpty();
        assertThat(findings(file("extended-properties:Template", "C:\\Users\\jroe\\Templates\\Memo.dotx")))
                .contains(new Finding(
                        FindingType.TEMPLATE_PATH,
                        "",
                        "extended-properties:Template",
                        "C:\\Users\\jroe\\Templates\\Memo.dotx"))
                .contains(new Finding(
                        FindingType.USER_NAME_IN_PATH, "", "extended-properties:Template", "C:\\Users\\jroe"));
    }

    @Test
    void userFoldersAndEmailAddressesAreFoundInAnyField() {
        List<Finding> findings =
                findings(file("dc:title", "/home/jroe/drafts/plan.odt", "dc:description", "ask j.roe@example.org"));

        assertThat(findings)
                .contains(new Finding(FindingType.USER_NAME_IN_PATH, "", "dc:title", "/home/jroe"))
                .contains(new Finding(FindingType.EMAIL_ADDRESS, "", "dc:description", "j.roe@example.org"));
        assertThat(types(file("X-TIKA:embedded_resource_path", "/home/jroe/x", "resourceName", "me@example.org")))
                .as("the parser's bookkeeping is not evidence")
                .isEmpty();
    }

    @Test
    void routingHeadersGpsAndCameraAreIdentifying() {
        List<Finding> findings = findings(file(
                "Message:Raw-Header:Received", "from mail.example.org ([192.0.2.7])",
                "Message:Raw-Header:MIME-Version", "1.0",
                "geo:lat", "12.54321",
                "geo:long", "-54.1234",
                "tiff:Make", "Canon",
                "tiff:Model", "Canon EOS 40D",
                "Exif SubIFD:Body Serial Number", "0123456"));

        assertThat(findings)
                .contains(new Finding(
                        FindingType.EMAIL_HEADER,
                        "",
                        "Message:Raw-Header:Received",
                        "from mail.example.org ([192.0.2.7])"))
                .contains(new Finding(FindingType.GPS_POSITION, "", "geo:lat, geo:long", "12.54321, -54.1234"))
                .contains(new Finding(FindingType.CAMERA, "", "tiff:Make, tiff:Model", "Canon Canon EOS 40D"))
                .contains(new Finding(FindingType.CAMERA, "", "Exif SubIFD:Body Serial Number", "serial 0123456"));
        assertThat(findings).extracting(Finding::field).doesNotContain("Message:Raw-Header:MIME-Version");
    }

    @Test
    void datesThatContradictEachOtherOrTheFormat() {
        assertThat(types(file("dcterms:created", "2020-05-02T10:00:00Z", "dcterms:modified", "2020-05-01T10:00:00Z")))
                .containsExactly(FindingType.CREATED_AFTER_MODIFIED);
        assertThat(types(file("dcterms:created", "2020-05-01T10:00:00Z", "dcterms:modified", "2020-05-02T10:00:00Z")))
                .isEmpty();
        assertThat(types(file("dcterms:modified", "2031-01-01T00:00:00Z"))).containsExactly(FindingType.DATE_IN_FUTURE);
        assertThat(types(file("Content-Type", "application/pdf", "dcterms:created", "1989-03-01T00:00:00Z")))
                .containsExactly(FindingType.DATE_BEFORE_FORMAT_EXISTED);
        assertThat(types(file("Content-Type", "text/plain", "dcterms:created", "1989-03-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void timeZonesDisagreeOnlyWithTwoExplicitOffsets() {
        assertThat(types(file(
                        "dcterms:created", "2020-05-01T10:00:00+03:00", "xmp:ModifyDate", "2020-05-02T10:00:00-05:00")))
                .containsExactly(FindingType.TIME_ZONES_DISAGREE);
        assertThat(types(
                        file("dcterms:created", "2020-05-01T10:00:00+03:00", "xmp:ModifyDate", "2020-05-02T07:00:00Z")))
                .isEmpty();
    }

    @Test
    void creatorAndProducerOfDifferentFamiliesDisagree() {
        assertThat(types(file("xmp:CreatorTool", "Microsoft® Word 2016", "pdf:producer", "LibreOffice 7.4")))
                .containsExactly(FindingType.TOOLS_DISAGREE);
        assertThat(types(file("xmp:CreatorTool", "Microsoft® Word 2016", "pdf:producer", "Microsoft® Word 2016")))
                .isEmpty();
        assertThat(types(file("xmp:CreatorTool", "TextEdit", "pdf:producer", "macOS Version 13.2.1 Quartz PDFContext")))
                .isEmpty();
        assertThat(types(file("xmp:CreatorTool", "Writer", "pdf:producer", "Acrobat Distiller 9")))
                .as("unknown families say nothing")
                .isEmpty();
    }

    @Test
    void incrementalUpdatesAndEachEarlierRevision() {
        List<Finding> findings = FindingRules.findings(
                List.of(
                        document("", "pdf:incrementalUpdateCount", "2"),
                        document(
                                "/version-number-0",
                                "embeddedResourceType",
                                "VERSION",
                                "dcterms:modified",
                                "2023-04-10T16:37:44Z")),
                NOW);

        assertThat(findings)
                .containsExactly(
                        new Finding(
                                FindingType.INCREMENTAL_UPDATE,
                                "",
                                "pdf:incrementalUpdateCount",
                                "2 updates after it was first saved"),
                        new Finding(
                                FindingType.INCREMENTAL_UPDATE,
                                "/version-number-0",
                                "dcterms:modified",
                                "earlier revision /version-number-0, saved 2023-04-10T16:37:44Z"));
    }

    @Test
    void hiddenContent() {
        List<Finding> findings = FindingRules.findings(
                List.of(
                        document(
                                "",
                                "msoffice:has-comments",
                                "true",
                                "msoffice:comment-person-display-name",
                                "Reviewer One",
                                "msoffice:excel:has-hidden-sheets",
                                "true",
                                "msoffice:excel:hidden-sheet-names",
                                "Payroll",
                                "pdf:encrypted",
                                "true"),
                        document(
                                "/attachment.docx",
                                "embeddedResourceType",
                                "ATTACHMENT",
                                "Content-Type",
                                "application/msword"),
                        document("/image1.png", "embeddedResourceType", "INLINE"),
                        document("/vbaProject.bin/Module1", "embeddedResourceType", "MACRO")),
                NOW);

        assertThat(findings)
                .extracting(Finding::type)
                .contains(
                        FindingType.COMMENTS,
                        FindingType.HIDDEN_PARTS,
                        FindingType.ENCRYPTED,
                        FindingType.EMBEDDED_FILE,
                        FindingType.MACROS);
        assertThat(findings)
                .contains(new Finding(FindingType.COMMENTS, "", "msoffice:has-comments", "comments by Reviewer One"))
                .contains(new Finding(
                        FindingType.HIDDEN_PARTS, "", "msoffice:excel:has-hidden-sheets", "hidden sheets: Payroll"))
                .contains(new Finding(
                        FindingType.EMBEDDED_FILE,
                        "/attachment.docx",
                        "X-TIKA:embedded_resource_path",
                        "/attachment.docx (application/msword)"));
        assertThat(findings).extracting(Finding::documentPath).doesNotContain("/image1.png");
    }

    @Test
    void aPasswordProtectedPartIsEncrypted() {
        assertThat(types(file(
                        "X-TIKA:EXCEPTION:container_exception",
                        "org.apache.tika.exception.EncryptedDocumentException")))
                .containsExactly(FindingType.ENCRYPTED);
    }

    private static List<Finding> findings(ParsedDocument document) {
        return FindingRules.findings(List.of(document), NOW);
    }

    private static List<FindingType> types(ParsedDocument document) {
        return findings(document).stream().map(Finding::type).toList();
    }

    private static ParsedDocument file(String... keysAndValues) {
        return document("", keysAndValues);
    }

    private static ParsedDocument document(String path, String... keysAndValues) {
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            metadata.put(keysAndValues[i], List.of(keysAndValues[i + 1]));
        }
        return new ParsedDocument(path, metadata, "");
    }
}
