package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The source face's words come from intake's own bundle alone (a source-only process, or these
 * tests, have no other): every key its templates use, and every code its Java names for a
 * refusal or a wait, is in {@code i18n/source/messages.properties}.
 */
class SourceWordsTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([^}(]*)");
    private static final Pattern JAVA_CODE =
            Pattern.compile("\"((?:upload\\.refused|source\\.busy|source\\.wait|returning)\\.[a-z0-9.-]+)\"");

    @Test
    void everyKeyOfTheSourcePagesIsInTheSourceBundle() throws IOException {
        Properties words = bundle();
        List<String> missing = new ArrayList<>();
        Resource[] templates =
                new PathMatchingResourcePatternResolver().getResources("classpath*:templates/intake/*.html");
        assertThat(templates).extracting(Resource::getFilename).contains("layout.html", "submit.html");
        for (Resource template : templates) {
            Matcher key = TEMPLATE_KEY.matcher(template.getContentAsString(StandardCharsets.UTF_8));
            while (key.find()) {
                if (!words.containsKey(key.group(1).trim())) {
                    missing.add(template.getFilename() + ": " + key.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyCodeTheJavaGivesIsInTheSourceBundle() throws IOException {
        Properties words = bundle();
        List<String> codes = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher code = JAVA_CODE.matcher(Files.readString(source));
                while (code.find()) {
                    codes.add(code.group(1));
                }
            }
        }
        assertThat(codes).contains("upload.refused.file-too-large", "source.busy.submissions", "returning.stale-form");
        assertThat(codes).allSatisfy(code -> assertThat(words).containsKey(code));
    }

    private static Properties bundle() throws IOException {
        Properties words = new Properties();
        try (InputStream in = SourceWordsTest.class.getResourceAsStream("/i18n/source/messages.properties")) {
            assertThat(in).as("the source bundle").isNotNull();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return words;
    }
}
