package org.leakdesk.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionSafetyTest {

    @TempDir
    Path keys;

    private final Map<String, Object> settings = new HashMap<>();
    private final Map<String, String> variables = new HashMap<>();

    /** The zero-setup run's own settings (review's application.properties). */
    private void zeroSetup() {
        settings.put("spring.datasource.url", "jdbc:h2:file:./data/db/leakdesk");
        settings.put("leakdesk.keys.generate-demo-key", "true");
        settings.put("leakdesk.demo.accounts", "true");
        settings.put("leakdesk.keys.directory", keys.toString());
    }

    /** What infra/deploy/leakdesk-production.properties sets. */
    private void production() {
        settings.put("leakdesk.mode", "production");
        settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/leakdesk");
        settings.put("leakdesk.keys.generate-demo-key", "false");
        settings.put("leakdesk.demo.accounts", "false");
        settings.put("leakdesk.keys.directory", keys.toString());
        settings.put("leakdesk.keys.passphrase-file", "/run/credentials/leakdesk.service/newsroom-passphrase");
    }

    @Test
    void theZeroSetupRunStartsAsItIs() {
        zeroSetup();
        assertThat(problems()).isEmpty();
    }

    @Test
    void productionModeRefusesH2TheDemoKeyAndTheDemoAccountsNamingEach() throws Exception {
        zeroSetup();
        settings.put("leakdesk.mode", "production");
        Files.writeString(keys.resolve("newsroom.passphrase"), "demo\n");

        List<String> problems = problems();
        assertThat(problems).hasSize(5);
        assertThat(String.join("\n", problems))
                .contains("H2")
                .contains("generate-demo-key=true")
                .contains("is the demo key")
                .contains("demo.accounts=true")
                .contains("no passphrase");
        assertThatThrownBy(() -> safety().postProcessBeanFactory(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LeakDesk refuses to start in production mode")
                .hasMessageContaining("leakdesk.demo=true allows it");
    }

    @Test
    void theProductionProfileIsProductionModeToo() {
        zeroSetup();
        StandardEnvironment environment = environment();
        environment.setActiveProfiles("production");
        settings.remove("leakdesk.mode");
        assertThat(new ProductionSafety(environment, variables::get).problems())
                .anyMatch(problem -> problem.contains("H2"));
    }

    @Test
    void demoModeMustBeAskedForExplicitly() {
        zeroSetup();
        settings.put("leakdesk.mode", "production");
        settings.put("leakdesk.demo", "true");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aProperProductionConfigurationStarts() {
        production();
        assertThat(problems()).isEmpty();
    }

    @Test
    void thePassphraseNeverComesFromAnEnvironmentVariableInProduction() {
        production();
        variables.put("LEAKDESK_KEY_PASSPHRASE", "secret");
        assertThat(problems()).singleElement().asString().contains("LEAKDESK_KEY_PASSPHRASE");
        settings.put("leakdesk.demo", "true");
        assertThat(problems()).as("not even in demo mode").hasSize(1);
    }

    @Test
    void aSystemdCredentialIsAPassphraseSource(@TempDir Path credentials) throws Exception {
        production();
        settings.remove("leakdesk.keys.passphrase-file");
        assertThat(problems()).singleElement().asString().contains("no passphrase");

        variables.put("CREDENTIALS_DIRECTORY", credentials.toString());
        Files.writeString(credentials.resolve("newsroom-passphrase"), "secret\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aSourceOnlyProcessNeedsNoPassphrase() {
        production();
        settings.remove("leakdesk.keys.passphrase-file");
        settings.put("leakdesk.roles", "source");
        assertThat(problems()).isEmpty();
    }

    private List<String> problems() {
        return safety().problems();
    }

    private ProductionSafety safety() {
        return new ProductionSafety(environment(), variables::get);
    }

    private StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        // Only what the test sets: not the machine's variables nor the build's system properties.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.setActiveProfiles();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}
