package org.leakdesk.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    // Written with escapes so this file itself holds no bidirectional character.
    private static final String RLO_INVOICE = "invoice\u202Efdp.exe";

    @Test
    void aRightToLeftOverrideIsShownNotObeyed() {
        assertThat(FileNames.forDisplay(RLO_INVOICE)).isEqualTo("invoice\\u202Efdp.exe");
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C, 0x200B, 0xFEFF, 0x2028, 0x2029
            })
    void everyControlAndBidirectionalCharacterBecomesAVisibleEscape(int c) {
        String name = "a" + new String(Character.toChars(c)) + "b.pdf";

        String shown = FileNames.forDisplay(name);

        assertThat(shown).isEqualTo("a" + String.format("\\u%04X", c) + "b.pdf");
        assertThat(shown.codePoints()).allMatch(p -> p >= 0x20 && p < 0x7F);
    }

    @Test
    void charactersBeyondTheBasicPlaneAndLoneSurrogatesAreEscapedToo() {
        assertThat(FileNames.forDisplay("x\uDB40\uDC41y")).isEqualTo("x\\u{E0041}y");
        assertThat(FileNames.forDisplay("x\uD800y")).isEqualTo("x\\uD800y");
    }

    @Test
    void ordinaryNamesInAnyScriptAreShownAsTheyAre() {
        assertThat(FileNames.forDisplay("Отчёт 2024 (финал).docx")).isEqualTo("Отчёт 2024 (финал).docx");
        assertThat(FileNames.forDisplay("تقرير.pdf")).isEqualTo("تقرير.pdf");
        assertThat(FileNames.forDisplay("報告書.pdf")).isEqualTo("報告書.pdf");
    }

    @Test
    void metadataTextShowsHiddenCharactersButKeepsItsLengthAndItsBackslashes() {
        String value = "C:\\Users\\Иван\\Normal.dotm\nline two \u202Eexe.fdp" + "x".repeat(1_000);

        String shown = FileNames.visibleText(value);

        assertThat(shown)
                .startsWith("C:\\Users\\Иван\\Normal.dotm\\u000Aline two \\u202Eexe.fdp")
                .endsWith("x".repeat(1_000))
                .doesNotContain("\n", "\u202E");
        assertThat(FileNames.visibleText("Отчёт 2024")).isEqualTo("Отчёт 2024");
    }

    @Test
    void aBackslashIsDoubledSoAnEscapeCannotBeFaked() {
        assertThat(FileNames.forDisplay("invoice\\u202Efdp.exe")).isEqualTo("invoice\\\\u202Efdp.exe");
        assertThat(FileNames.forDisplay("invoice\\u202Efdp.exe")).isNotEqualTo(FileNames.forDisplay(RLO_INVOICE));
    }

    @Test
    void aVeryLongNameIsCutWithItsLength() {
        String shown = FileNames.forDisplay("a".repeat(10_000));

        assertThat(shown).startsWith("a".repeat(FileNames.DISPLAY_LIMIT) + "…").endsWith("(10000 characters in all)");
    }

    @Test
    void anEmptyNameIsSaidToBeMissing() {
        assertThat(FileNames.forDisplay("")).isEqualTo("(no name)");
        assertThat(FileNames.forDownload("")).isEqualTo("(no name)");
    }

    @Test
    void aDownloadNameIsNeverAPathNorHidden() {
        assertThat(FileNames.forDownload("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(FileNames.forDownload("..")).isEqualTo("_.");
        assertThat(FileNames.forDownload("C:\\Users\\x.doc")).isEqualTo("C___Users__x.doc");
        assertThat(FileNames.forDownload(RLO_INVOICE)).isEqualTo("invoice_u202Efdp.exe");
        assertThat(FileNames.forDownload("a\u0000b")).isEqualTo("a_u0000b");
    }

    @Test
    void contentDispositionCarriesAnAsciiFallbackAndTheUtf8Name() {
        String header = FileNames.contentDisposition("Отчёт \"final\"; v2.pdf");

        assertThat(header).startsWith("attachment; filename=\"");
        String fallback = header.substring(header.indexOf("filename=\"") + 10, header.indexOf("\";"));
        assertThat(fallback).isEqualTo("_____ _final_; v2.pdf");
        String encoded = header.substring(header.indexOf("filename*=UTF-8''") + 17);
        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8))
                .isEqualTo("Отчёт _final_; v2.pdf");
    }

    @Test
    void contentDispositionOfABidirectionalNameCarriesNoBidirectionalCharacter() {
        String header = FileNames.contentDisposition(RLO_INVOICE);

        assertThat(header).isEqualTo("attachment; filename=\"invoice_u202Efdp.exe\"");
        assertThat(header.codePoints()).allMatch(p -> p >= 0x20 && p < 0x7F);
    }
}
