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
        int source = freePort();
        int staff = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("leakdesk.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("LEAKDESK_"));
        builder.environment().put("LEAKDESK_SOURCE_PORT", Integer.toString(source));
        builder.environment().put("LEAKDESK_STAFF_PORT", Integer.toString(staff));
        builder.environment().put("LEAKDESK_MANAGEMENT_PORT", Integer.toString(freePort()));
        PackagedApplication application = new PackagedApplication(source, staff, builder.start());
        Thread reader = new Thread(application::collectOutput, "app-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(180))
                .until(() -> application.passwords().containsKey("admin") || !application.process.isAlive());
        return application;
    }

    /** The demo passwords the first start printed, by account. */
    Map<String, String> passwords() {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
