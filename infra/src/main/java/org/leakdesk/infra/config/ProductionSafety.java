package org.leakdesk.infra.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.leakdesk.infra.ProcessRoles;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a production installation ({@code leakdesk.mode=production} or the {@code
 * production} profile) that still runs on the zero-setup run's demo parts: the generated demo key
 * (its passphrase lies beside it), the demo staff accounts, or the embedded H2 database; and one
 * whose key passphrase comes from a long-lived environment variable. {@code leakdesk.demo=true}
 * allows the demo parts explicitly (a demonstration on a production-like machine).
 *
 * <p>Runs before any bean is created, so nothing has touched a database or a key when it refuses.
 */
final class ProductionSafety implements BeanFactoryPostProcessor {

    static final String MODE = "leakdesk.mode";
    static final String DEMO = "leakdesk.demo";
    static final String CREDENTIAL = "newsroom-passphrase";

    private final Environment environment;
    private final Function<String, String> systemEnvironment;

    ProductionSafety(Environment environment, Function<String, String> systemEnvironment) {
        this.environment = environment;
        this.systemEnvironment = systemEnvironment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("LeakDesk refuses to start in production mode ("
                    + MODE + "=production or the production profile):\n  - "
                    + String.join("\n  - ", problems)
                    + "\nSee infra/deploy/leakdesk-production.properties.");
        }
    }

    /** What stops this configuration from starting; empty when it may start. */
    List<String> problems() {
        if (!production()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!environment.getProperty(DEMO, Boolean.class, false)) {
            String url = environment.getProperty("spring.datasource.url", "");
            if (url.startsWith("jdbc:h2:")) {
                problems.add("the database is the embedded H2 of the zero-setup run (spring.datasource.url);"
                        + " production runs on PostgreSQL. " + demoHint());
            }
            if (environment.getProperty("leakdesk.keys.generate-demo-key", Boolean.class, false)) {
                problems.add("leakdesk.keys.generate-demo-key=true would generate a demo newsroom key;"
                        + " supply the newsroom's own key in leakdesk.keys.directory. " + demoHint());
            }
            String keys = environment.getProperty("leakdesk.keys.directory");
            if (keys != null && Files.exists(Path.of(keys, "newsroom.passphrase"))) {
                problems.add("the key in " + keys + " is the demo key: its passphrase lies beside it in"
                        + " newsroom.passphrase. Replace it with the newsroom's own key. " + demoHint());
            }
            if (environment.getProperty("leakdesk.demo.accounts", Boolean.class, false)) {
                problems.add("leakdesk.demo.accounts=true would create demo staff accounts and print their"
                        + " passwords; an admin creates the real ones. " + demoHint());
            }
        }
        String passphraseVariable = systemEnvironment.apply("LEAKDESK_KEY_PASSPHRASE");
        if (passphraseVariable != null && !passphraseVariable.isEmpty()) {
            problems.add("the key passphrase is in the environment variable LEAKDESK_KEY_PASSPHRASE, which"
                    + " every child process inherits and /proc shows for the process's lifetime; give it as"
                    + " a systemd credential (LoadCredential=" + CREDENTIAL + ":...) or in"
                    + " leakdesk.keys.passphrase-file (mode 0600, the service user's)");
        }
        if (ProcessRoles.from(environment).holdsPrivateKey()
                && environment.getProperty("leakdesk.keys.passphrase-file") == null
                && credential() == null
                && (passphraseVariable == null || passphraseVariable.isEmpty())
                && !environment.getProperty(DEMO, Boolean.class, false)) {
            problems.add("no passphrase for the newsroom private key: give it as a systemd credential"
                    + " (LoadCredential=" + CREDENTIAL + ":/etc/leakdesk/" + CREDENTIAL + ") or in"
                    + " leakdesk.keys.passphrase-file");
        }
        return problems;
    }

    private boolean production() {
        return "production".equalsIgnoreCase(environment.getProperty(MODE, ""))
                || environment.acceptsProfiles(Profiles.of("production"));
    }

    /** The systemd credential holding the passphrase, if the service was given one. */
    private Path credential() {
        String directory = systemEnvironment.apply("CREDENTIALS_DIRECTORY");
        if (directory == null || directory.isEmpty()) {
            return null;
        }
        Path file = Path.of(directory, CREDENTIAL);
        return Files.isRegularFile(file) ? file : null;
    }

    private static String demoHint() {
        return "(" + DEMO + "=true allows it for a demonstration.)";
    }

    static ProductionSafety of(Environment environment) {
        Map<String, String> variables = System.getenv();
        return new ProductionSafety(environment, variables::get);
    }
}
