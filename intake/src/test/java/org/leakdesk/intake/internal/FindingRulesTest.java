package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.leakdesk.intake.FindingType.AUTHOR;
import static org.leakdesk.intake.FindingType.CAMERA;
import static org.leakdesk.intake.FindingType.COMMENTS;
import static org.leakdesk.intake.FindingType.COMPANY;
import static org.leakdesk.intake.FindingType.CREATED_AFTER_MODIFIED;
import static org.leakdesk.intake.FindingType.CUSTOM_PROPERTY;
import static org.leakdesk.intake.FindingType.DATE_BEFORE_FORMAT_EXISTED;
import static org.leakdesk.intake.FindingType.DATE_IN_FUTURE;
import static org.leakdesk.intake.FindingType.EMAIL_ADDRESS;
import static org.leakdesk.intake.FindingType.EMAIL_HEADER;
import static org.leakdesk.intake.FindingType.EMBEDDED_FILE;
import static org.leakdesk.intake.FindingType.ENCRYPTED;
import static org.leakdesk.intake.FindingType.GPS_POSITION;
import static org.leakdesk.intake.FindingType.HIDDEN_PARTS;
import static org.leakdesk.intake.FindingType.INCREMENTAL_UPDATE;
import static org.leakdesk.intake.FindingType.LAST_AUTHOR;
import static org.leakdesk.intake.FindingType.MACROS;
import static org.leakdesk.intake.FindingType.MANAGER;
import static org.leakdesk.intake.FindingType.TEMPLATE_PATH;
import static org.leakdesk.intake.FindingType.TIME_ZONES_DISAGREE;
import static org.leakdesk.intake.FindingType.TOOLS_DISAGREE;
import static org.leakdesk.intake.FindingType.TRACKED_CHANGES;
import static org.leakdesk.intake.FindingType.USER_NAME_IN_PATH;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

class FindingRulesTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** A document from alternating keys and values; a key given twice gets both values. */
    static ParsedDocument document(String path, String... keysAndValues) {
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            metadata.computeIfAbsent(keysAndValues[i], key -> new ArrayList<>()).add(keysAndValues[i + 1]);
        }
        return new ParsedDocument(path, metadata, "");
    }

    static List<Finding> findings(ParsedDocument... documents) {
        return FindingRules.findings(List.of(documents), NOW);
    }

    static List<Tuple> of(List<Finding> findings, FindingType type) {
        return findings.stream()
                .filter(finding -> finding.type() == type)
                .map(finding -> tuple(finding.documentPath(), finding.field(), finding.value()))
                .toList();
    }

    @Nested
    class Identifying {

        @Test
        void authorsLastAuthorCompanyAndManagerNameTheirField() {
            List<Finding> found = findings(document(
                    "",
                    "dc:creator",
                    "Jane Doe",
                    "meta:author",
                    "Jane Doe",
                    "meta:last-author",
                    "J. Roe",
                    "extended-properties:Company",
                    "Ministry of Plans",
                    "extended-properties:Manager",
                    "M. Boss"));

            assertThat(of(found, AUTHOR)).containsExactly(tuple("", "dc:creator", "Jane Doe"));
            assertThat(of(found, LAST_AUTHOR)).containsExactly(tuple("", "meta:last-author", "J. Roe"));
            assertThat(of(found, COMPANY))
                    .containsExactly(tuple("", "extended-properties:Company", "Ministry of Plans"));
            assertThat(of(found, MANAGER)).containsExactly(tuple("", "extended-properties:Manager", "M. Boss"));
        }

        @Test
        void blankValuesAreNoFinding() {
            assertThat(findings(document("", "extended-properties:Company", " ", "dc:creator", "")))
                    .isEmpty();
        }

        @Test
        void templateOnlyWhenItHasAFolder() {
            assertThat(of(
                            findings(document(
                                    "", "extended-properties:Template", "\\\\fileserver\\templates\\Memo.dotm")),
                            TEMPLATE_PATH))
                    .containsExactly(tuple("", "extended-properties:Template", "\\\\fileserver\\templates\\Memo.dotm"));
            assertThat(findings(document("", "extended-properties:Template", "Normal.dotm")))
                    .isEmpty();
        }

        @Test
        void userFoldersOnWindowsLinuxAndMacInAnyValue() {
            List<Finding> found = findings(document(
                    "",
                    "X-TIKA:origResourceName",
                    "C:\\Users\\jdoe\\Desktop\\leak.zip",
                    "dc:source",
                    "file:///home/alice/work/report.odt",
                    "xmpMM:DerivedFrom",
                    "/Users/bob/Documents/x.indd"));

            assertThat(of(found, USER_NAME_IN_PATH))
                    .containsExactly(
                            tuple("", "X-TIKA:origResourceName", "C:\\Users\\jdoe"),
                            tuple("", "dc:source", "/home/alice"),
                            tuple("", "xmpMM:DerivedFrom", "/Users/bob"));
        }

        @Test
        void sharedFoldersAndWebAddressesAreNoUserName() {
            assertThat(findings(document(
                            "",
                            "a",
                            "C:\\Users\\Public\\Documents\\x.doc",
                            "b",
                            "https://example.org/users/jdoe/profile")))
                    .isEmpty();
        }

        @Test
        void emailAddressesInAnyValueButNotMessageIds() {
            List<Finding> found = findings(document(
                    "",
                    "dc:description",
                    "write to leaks@example.org or boss@example.org",
                    "Message:Raw-Header:Message-ID",
                    "<123.456@mail.example.org>"));

            assertThat(of(found, EMAIL_ADDRESS))
                    .containsExactly(
                            tuple("", "dc:description", "leaks@example.org"),
                            tuple("", "dc:description", "boss@example.org"));
        }

        @Test
        void routingHeadersOnePerHop() {
            List<Finding> found = findings(document(
                    "",
                    "Message:Raw-Header:Received",
                    "from a.example ([10.0.0.1])\n\tby b.example",
                    "Message:Raw-Header:Received",
                    "from b.example by c.example",
                    "Message:From-Email",
                    "source@example.org",
                    "Message:Raw-Header:MIME-Version",
                    "1.0"));

            assertThat(of(found, EMAIL_HEADER))
                    .containsExactlyInAnyOrder(
                            tuple("", "Message:From-Email", "source@example.org"),
                            tuple("", "Message:Raw-Header:Received", "from a.example ([10.0.0.1]) by b.example"),
                            tuple("", "Message:Raw-Header:Received", "from b.example by c.example"));
        }

        @Test
        void gpsPositionNeedsBothCoordinates() {
            assertThat(of(findings(document("", "geo:lat", "12.54321", "geo:long", "-54.1234")), GPS_POSITION))
                    .containsExactly(tuple("", "geo:lat, geo:long", "12.54321, -54.1234"));
            assertThat(findings(document("", "geo:lat", "12.54321"))).isEmpty();
        }

        @Test
        void cameraMakeModelAndSerialNumber() {
            List<Finding> found = findings(document(
                    "",
                    "tiff:Make",
                    "Canon",
                    "tiff:Model",
                    "Canon EOS 40D",
                    "Exif SubIFD:Body Serial Number",
                    "0820500998",
                    "tiff:Software",
                    "Adobe Photoshop"));

            assertThat(of(found, CAMERA))
                    .containsExactly(
                            tuple("", "tiff:Make", "Canon"),
                            tuple("", "tiff:Model", "Canon EOS 40D"),
                            tuple("", "Exif SubIFD:Body Serial Number", "0820500998"));
        }

        @Test
        void customPropertiesEachWithItsName() {
            List<Finding> found = findings(document("", "custom:Project", "Nightjar", "custom:Approved", "true"));

            assertThat(of(found, CUSTOM_PROPERTY))
                    .containsExactly(tuple("", "custom:Project", "Nightjar"), tuple("", "custom:Approved", "true"));
        }
    }

    @Nested
    class Consistency {

        @Test
        void createdAfterModified() {
            List<Finding> found = findings(document(
                    "", "dcterms:created", "2024-05-02T10:00:00Z", "dcterms:modified", "2024-05-01T10:00:00Z"));

            assertThat(of(found, CREATED_AFTER_MODIFIED))
                    .containsExactly(tuple(
                            "",
                            "dcterms:created / dcterms:modified",
                            "created 2024-05-02T10:00:00Z, modified 2024-05-01T10:00:00Z"));
            assertThat(findings(document(
                            "",
                            "dcterms:created",
                            "2024-05-01T10:00:00Z",
                            "dcterms:modified",
                            "2024-05-02T10:00:00+02:00")))
                    .isEmpty();
        }

        @Test
        void dateInTheFutureButNotCustomProperties() {
            List<Finding> found = findings(document(
                    "", "dcterms:modified", "2027-01-01T00:00:00Z", "custom:Deadline", "2030-01-01T00:00:00Z"));

            assertThat(of(found, DATE_IN_FUTURE))
                    .containsExactly(tuple("", "dcterms:modified", "2027-01-01T00:00:00Z"));
        }

        @Test
        void localTimeLaterTodayIsNotTheFuture() {
            // 12:00 UTC is already 22:00 in Sydney
            assertThat(findings(document("", "dcterms:modified", "2026-11-22T22:00:00")))
                    .isEmpty();
        }

        @Test
        void dateBeforeTheFormatExisted() {
            List<Finding> found = findings(
                    document("", "Content-Type", "application/pdf", "pdf:docinfo:created", "1980-01-01T00:00:00Z"));

            assertThat(of(found, DATE_BEFORE_FORMAT_EXISTED))
                    .containsExactly(tuple("", "pdf:docinfo:created", "1980-01-01T00:00:00Z (format from 1993)"));
            assertThat(findings(document(
                            "",
                            "Content-Type",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "dcterms:created",
                            "2007-01-01T00:00:00Z")))
                    .isEmpty();
        }

        @Test
        void unparsableDatesAreIgnored() {
            assertThat(findings(document(
                            "",
                            "Content-Type",
                            "application/pdf",
                            "dcterms:created",
                            "1980-13-45T99:00:00Z",
                            "File Modified Date",
                            "Sun Nov 22 13:40:56 +00:00 2099")))
                    .isEmpty();
        }

        @Test
        void numericOffsetsThatDisagree() {
            List<Finding> found = findings(document(
                    "", "xmp:CreateDate", "2024-05-01T10:00:00+02:00", "xmp:ModifyDate", "2024-05-01T12:00:00-05:00"));

            assertThat(of(found, TIME_ZONES_DISAGREE))
                    .containsExactly(tuple(
                            "",
                            "xmp:CreateDate / xmp:ModifyDate",
                            "2024-05-01T10:00:00+02:00 / 2024-05-01T12:00:00-05:00"));
        }

        @Test
        void utcAsTikaWritesItIsNoTimeZone() {
            assertThat(findings(document(
                            "",
                            "xmp:CreateDate",
                            "2024-05-01T10:00:00+02:00",
                            "dcterms:created",
                            "2024-05-01T08:00:00Z")))
                    .isEmpty();
        }

        @Test
        void creatorAndProducerFromDifferentSuites() {
            List<Finding> found = findings(document(
                    "", "xmp:CreatorTool", "Microsoft® Word for Microsoft 365", "pdf:producer", "LibreOffice 7.6"));

            assertThat(of(found, TOOLS_DISAGREE))
                    .containsExactly(tuple(
                            "",
                            "xmp:CreatorTool / pdf:producer",
                            "Microsoft® Word for Microsoft 365 / LibreOffice 7.6"));
        }

        @Test
        void wordPrintedThroughAPdfDriverFits() {
            assertThat(findings(document(
                            "",
                            "xmp:CreatorTool",
                            "Microsoft Word - report.docx",
                            "pdf:producer",
                            "Acrobat Distiller 7.0.5 (Windows)")))
                    .isEmpty();
            assertThat(findings(document("", "xmp:CreatorTool", "Writer", "pdf:producer", "NeoOffice 2.2")))
                    .isEmpty();
        }

        @Test
        void pdfProducerRecordsThatDiffer() {
            List<Finding> found = findings(
                    document("", "pdf:docinfo:producer", "iText 5.5.13", "xmp:pdf:Producer", "Adobe PDF Library 15.0"));

            assertThat(of(found, TOOLS_DISAGREE))
                    .containsExactly(tuple(
                            "", "pdf:docinfo:producer / xmp:pdf:Producer", "iText 5.5.13 / Adobe PDF Library 15.0"));
        }

        @Test
        void incrementalUpdatesAndEachEarlierRevisionWithItsDate() {
            List<Finding> found = findings(
                    document("", "pdf:incrementalUpdateCount", "1", "dc:creator", "Final Author"),
                    document(
                            "/version-number-0",
                            "embeddedResourceType",
                            "VERSION",
                            "pdf:incrementalUpdateNumber",
                            "0",
                            "pdf:docinfo:modified",
                            "2023-04-10T16:37:44Z",
                            "dc:creator",
                            "Final Author"));

            assertThat(of(found, INCREMENTAL_UPDATE))
                    .containsExactly(
                            tuple("", "pdf:incrementalUpdateCount", "1"),
                            tuple(
                                    "/version-number-0",
                                    "pdf:incrementalUpdateNumber",
                                    "earlier revision 0 (pdf:docinfo:modified 2023-04-10T16:37:44Z)"));
            // the revision repeats the author: no second finding, and no embedded file
            assertThat(found).extracting(Finding::type).containsOnlyOnce(AUTHOR).doesNotContain(EMBEDDED_FILE);
        }

        @Test
        void anAuthorOnlyTheEarlierRevisionNamesIsReported() {
            List<Finding> found = findings(
                    document("", "pdf:incrementalUpdateCount", "1"),
                    document("/version-number-0", "embeddedResourceType", "VERSION", "dc:creator", "Removed Name"));

            assertThat(of(found, AUTHOR)).containsExactly(tuple("/version-number-0", "dc:creator", "Removed Name"));
        }

        @Test
        void noUpdatesNoFinding() {
            assertThat(findings(document("", "pdf:incrementalUpdateCount", "0")))
                    .isEmpty();
        }
    }

    @Nested
    class HiddenContent {

        @Test
        void embeddedFilesButNotTheFileItself() {
            List<Finding> found = findings(
                    document("", "Content-Type", "application/pdf"),
                    document("/a.zip/b.docx", "Content-Type", "application/msword; charset=x"));

            assertThat(of(found, EMBEDDED_FILE))
                    .containsExactly(tuple(
                            "/a.zip/b.docx", "X-TIKA:embedded_resource_path", "/a.zip/b.docx (application/msword)"));
        }

        @Test
        void commentsAndWhoWroteThem() {
            List<Finding> found = findings(
                    document("", "msoffice:has-comments", "true", "msoffice:comment-person-display-name", "Jane Doe"));

            assertThat(of(found, COMMENTS))
                    .containsExactly(
                            tuple("", "msoffice:has-comments", "true"),
                            tuple("", "msoffice:comment-person-display-name", "Jane Doe"));
            assertThat(findings(document("", "msoffice:has-comments", "false"))).isEmpty();
        }

        @Test
        void trackedChanges() {
            assertThat(of(findings(document("", "msoffice:has-track-changes", "true")), TRACKED_CHANGES))
                    .containsExactly(tuple("", "msoffice:has-track-changes", "true"));
        }

        @Test
        void macrosAreTheirOwnFindingNotAnEmbeddedFile() {
            List<Finding> found = findings(
                    document(""),
                    document("/Module1", "embeddedResourceType", "MACRO", "Content-Type", "text/x-vbasic"));

            assertThat(of(found, MACROS))
                    .containsExactly(tuple("/Module1", "X-TIKA:embedded_resource_path", "/Module1 (text/x-vbasic)"));
            assertThat(of(found, EMBEDDED_FILE)).isEmpty();
        }

        @Test
        void hiddenSheetsRowsAndSlides() {
            List<Finding> found = findings(document(
                    "",
                    "msoffice:excel:has-hidden-sheets",
                    "true",
                    "msoffice:excel:hidden-sheet-names",
                    "Salaries",
                    "msoffice:excel:has-hidden-rows",
                    "false",
                    "extended-properties:HiddedSlides",
                    "2"));

            assertThat(of(found, HIDDEN_PARTS))
                    .containsExactlyInAnyOrder(
                            tuple("", "msoffice:excel:has-hidden-sheets", "true"),
                            tuple("", "msoffice:excel:hidden-sheet-names", "Salaries"),
                            tuple("", "extended-properties:HiddedSlides", "2"));
        }

        @Test
        void encryptedOncePerDocumentWhateverSaysSo() {
            List<Finding> found = findings(document(
                    "",
                    "Content-Type",
                    "application/x-tika-ooxml-protected",
                    "X-TIKA:EXCEPTION:container_exception",
                    "org.apache.tika.exception.EncryptedDocumentException"));

            assertThat(of(found, ENCRYPTED))
                    .containsExactly(tuple("", "Content-Type", "application/x-tika-ooxml-protected"));
        }

        @Test
        void encryptionFromAnExceptionTypeAlone() {
            assertThat(of(
                            findings(document(
                                    "",
                                    "X-TIKA:EXCEPTION:embedded_stream_exception",
                                    "org.apache.tika.exception.EncryptedDocumentException")),
                            ENCRYPTED))
                    .containsExactly(tuple(
                            "",
                            "X-TIKA:EXCEPTION:embedded_stream_exception",
                            "org.apache.tika.exception.EncryptedDocumentException"));
            assertThat(findings(document("", "pdf:encrypted", "false", "X-TIKA:EXCEPTION:warn", "java.io.IOException")))
                    .isEmpty();
        }
    }

    @Test
    void sameValueInTwoFieldsIsOneFindingButEachDocumentHasItsOwn() {
        List<Finding> found = findings(
                document("", "dc:creator", "Jane Doe", "pdf:docinfo:creator", "Jane Doe", "meta:author", "Jane Doe"),
                document("/attachment.pdf", "dc:creator", "Jane Doe"));

        assertThat(of(found, AUTHOR))
                .containsExactly(
                        tuple("", "dc:creator", "Jane Doe"), tuple("/attachment.pdf", "dc:creator", "Jane Doe"));
    }

    @Test
    void longValuesAreClipped() {
        String longName = "x".repeat(1000);

        Finding author = findings(document("", "dc:creator", longName)).get(0);

        assertThat(author.value())
                .hasSize(DocumentFindings.MAX_VALUE_LENGTH + 1)
                .endsWith("…");
    }

    @Test
    void theDocumentTextIsNeverAFinding() {
        ParsedDocument withText = new ParsedDocument(
                "", Map.of("Content-Type", List.of("text/plain")), "mail me at secret@example.org, C:\\Users\\jdoe");

        assertThat(FindingRules.findings(List.of(withText), NOW)).isEmpty();
    }
}
