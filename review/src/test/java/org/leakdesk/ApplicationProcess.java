package org.leakdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java org.leakdesk.LeakDeskApplication ARGS} in its own JVM, with the running test's settings. */
final class ApplicationProcess {

    record Run(int status, String output) {}

    private ApplicationProcess() {}

    /** Starts it; {@code settings} are extra {@code -D} system properties such as {@code leakdesk.keys.directory=...}. */
    static Process start(List<String> settings, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        for (String property : List.of("spring.profiles.active", "leakdesk.test.database", "leakdesk.test.db.prefix")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        settings.forEach(setting -> command.add("-D" + setting));
        command.add(LeakDeskApplication.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Runs it to its end. */
    static Run run(List<String> settings, String... args) throws Exception {
        Process child = start(settings, args);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(child.exitValue(), output);
    }
}
