package org.leakdesk.review.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.testing.MissingMessages;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The words of both faces: every {@code #{key}} a template uses is in a bundle the application
 * names in {@code spring.messages.basename}, each module ships its own bundle, the two do not
 * define the same key, every enum a staff page prints has words for each constant, and messages
 * with arguments double their apostrophes (MessageFormat would swallow a single one).
 */
class MessagesTest {

    /** A message expression's key: what follows {@code #{} up to its arguments or its end. */
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([^}(]*)");

    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    private static List<String> basenames;
    private static Map<String, Properties> bundles;

    @BeforeAll
    static void loadTheConfiguredBundles() throws IOException {
        Properties application = read(RESOURCES.getResource("classpath:application.properties"));
        basenames = Arrays.stream(
                        application.getProperty("spring.messages.basename", "").split(","))
                .map(String::trim)
                .toList();
        bundles = new TreeMap<>();
        for (String basename : basenames) {
            bundles.put(basename, read(RESOURCES.getResource("classpath:" + basename + ".properties")));
        }
    }

    @Test
    void theApplicationNamesEachFacesBundleShippedByItsOwnModule() throws IOException {
        assertThat(basenames).containsExactlyInAnyOrder("i18n/staff/messages", "i18n/source/messages");
        assertThat(location("i18n/staff/messages")).contains("/review/");
        assertThat(location("i18n/source/messages")).contains("/intake/");
        // The source module on its own (its tests, a source-only build) names its bundle itself.
        Properties intakeDefaults = read(RESOURCES.getResource("classpath:intake/defaults.properties"));
        assertThat(intakeDefaults.getProperty("spring.messages.basename")).isEqualTo("i18n/source/messages");
    }

    @Test
    void everyKeyATemplateUsesIsInABundle() throws IOException {
        Resource[] templates = RESOURCES.getResources("classpath*:templates/**/*.html");
        assertThat(templates).extracting(Resource::getFilename).contains("layout.html", "case.html", "submit.html");
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Resource template : templates) {
            String html = template.getContentAsString(StandardCharsets.UTF_8);
            Matcher key = MESSAGE_KEY.matcher(html);
            while (key.find()) {
                used++;
                String name = key.group(1).trim();
                if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
                    missing.add(template.getFilename() + ": a key that is not a plain name: " + name);
                } else if (!defined(name)) {
                    missing.add(template.getFilename() + ": " + name);
                }
            }
        }
        assertThat(used).as("message expressions found").isGreaterThan(300);
        assertThat(missing).as("keys the templates use but no bundle defines").isEmpty();
    }

    @Test
    void theFacesDoNotDefineTheSameKey() {
        Properties staff = bundles.get("i18n/staff/messages");
        Properties source = bundles.get("i18n/source/messages");
        TreeSet<String> both = new TreeSet<>(staff.stringPropertyNames());
        both.retainAll(source.stringPropertyNames());
        assertThat(both)
                .as("a key in both bundles: one module's words would hide the other's")
                .isEmpty();
    }

    @Test
    void everyPrintedEnumHasWordsForEachConstant() {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Enum<?>> type : EnumLabels.LABELLED) {
            for (Enum<?> constant : type.getEnumConstants()) {
                if (!defined(EnumLabels.key(constant))) {
                    missing.add(EnumLabels.key(constant));
                }
            }
        }
        assertThat(EnumLabels.key(org.leakdesk.workflow.TriageDecision.Outcome.REJECT))
                .isEqualTo("enum.TriageDecision.Outcome.REJECT");
        assertThat(missing).isEmpty();
    }

    @Test
    void messagesWithArgumentsDoubleTheirApostrophes() {
        Pattern argument = Pattern.compile("\\{\\d");
        Pattern single = Pattern.compile("(?<!')'(?!')");
        List<String> wrong = new ArrayList<>();
        bundles.forEach((basename, messages) -> messages.forEach((key, text) -> {
            String message = text.toString();
            if (argument.matcher(message).find() && single.matcher(message).find()) {
                wrong.add(basename + ": " + key);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    /** The check every page-rendering test runs catches what Thymeleaf really writes for a missing key. */
    @Test
    void theMissingMessageCheckCatchesThymeleafsMarker() {
        StaticMessageSource messages = new StaticMessageSource();
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.setTemplateEngineMessageSource(messages);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.US, Locale.forLanguageTag("de-CH"), Locale.ROOT)) {
            messages.addMessage("known.key", locale, "Known");
            String page = engine.process(
                    "<p th:text=\"#{known.key}\"></p><p th:text=\"#{inbox.no-such-key}\"></p>", new Context(locale));
            assertThat(page).contains("Known");
            assertThatThrownBy(() -> MissingMessages.assertNone("a page", page))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("inbox.no-such-key");
        }
        MissingMessages.assertNone("a page", "<p>Why?? Who knows?? a_b??</p>");
    }

    private static boolean defined(String key) {
        return bundles.values().stream().anyMatch(messages -> messages.containsKey(key));
    }

    private static String location(String basename) throws IOException {
        Resource[] found = RESOURCES.getResources("classpath*:" + basename + ".properties");
        assertThat(found).as(basename + " is shipped once").hasSize(1);
        return found[0].getURL().toString();
    }

    private static Properties read(Resource resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource.getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
