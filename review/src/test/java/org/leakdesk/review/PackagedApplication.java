package org.leakdesk.review;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar, started as the README's run command starts it: {@code java -jar} in an
 * empty folder with no configuration but two free ports. What newsrooms run, so what these tests
 * drive: a test class path can hide a dependency the jar lacks.
 */
final class PackagedApplication implements AutoCloseable {

    private static final Pattern ACCOUNT = Pattern.compile("^\\s+(reviewer|editor|auditor|admin)\\s+(\\S{20})\\s*$");

    /**
     * JVM options for tests that start several of these at once on a small machine: the client
     * compiler and one GC thread get them serving sooner (a service unit leaves the JVM its defaults).
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    final int sourcePort;
    final int staffPort;
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    private PackagedApplication(int sourcePort, int staffPort, Process process) {
        this.sourcePort = sourcePort;
        this.staffPort = staffPort;
        this.process = process;
    }

    /** Starts the jar in {@code workingDirectory} and waits until it has printed the demo accounts. */
    static PackagedApplication start(Path workingDirectory, String... arguments) throws IOException {
        PackagedApplication application =
                launch(workingDirectory, List.of(), freePort(), freePort(), Map.of(), List.of(arguments));
        await().atMost(Duration.ofSeconds(180))
                .until(() -> application.passwords().containsKey("admin") || !application.process.isAlive());
        return application;
    }

    /**
     * Starts the jar in {@code workingDirectory} with {@code jvmOptions}, on the given face ports, with {@code environment}
     * added to a clean one (no {@code SPRING_*} or {@code LEAKDESK_*} of the test's own), and
     * returns at once; {@link #awaitStarted()} waits for it.
     */
    static PackagedApplication launch(
            Path workingDirectory,
            List<String> jvmOptions,
            int sourcePort,
            int staffPort,
            Map<String, String> environment,
            List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                Path.of(System.getProperty("leakdesk.jar")).toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("LEAKDESK_"));
        builder.environment().put("LEAKDESK_SOURCE_PORT", Integer.toString(sourcePort));
        builder.environment().put("LEAKDESK_STAFF_PORT", Integer.toString(staffPort));
        builder.environment().put("LEAKDESK_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().putAll(environment);
        PackagedApplication application = new PackagedApplication(sourcePort, staffPort, builder.start());
        Thread reader = new Thread(application::collectOutput, "app-output-" + application.process.pid());
        reader.setDaemon(true);
        reader.start();
        return application;
    }

    /** Waits until Spring Boot says the application has started; fails with its output if it died first. */
    PackagedApplication awaitStarted() {
        // Generous: several JVMs may be starting at once on a machine other work keeps busy.
        await().atMost(Duration.ofMinutes(5))
                .until(() -> output.stream().anyMatch(line -> line.contains("Started LeakDeskApplication"))
                        || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("LeakDesk (pid " + process.pid() + ") ended while starting:\n" + log());
        }
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing handed back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The demo passwords the first start printed, by account. */
    Map<String, String> passwords() {
        return passwordsIn(output);
    }

    /** The demo passwords in a first start's {@code output} (its banner), by account. */
    static Map<String, String> passwordsIn(List<String> output) {
        Map<String, String> passwords = new HashMap<>();
        for (String line : output) {
            Matcher account = ACCOUNT.matcher(line);
            if (account.matches()) {
                passwords.put(account.group(1), account.group(2));
            }
        }
        return passwords;
    }

    String log() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output ended: " + e + ")");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
