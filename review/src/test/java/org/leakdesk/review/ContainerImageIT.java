package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.testing.Multipart;

/**
 * The OCI image Jib wrote ({@code -Pimage}, {@code review/target/jib-image.tar}) run as a newsroom
 * would run it, without Docker: podman loads the tar and starts a container with the hardening
 * {@code infra/deploy/README.md} gives (read-only root, no capability, no new privileges, the data
 * folder a named volume, the faces published on loopback only). The container must serve the source
 * face and the staff sign-in as the image's non-root user, take a submission whose extraction (a
 * parser child JVM of the worker role) brings it to the reviewer's inbox, and write its data folder
 * readable by that user alone.
 */
class ContainerImageIT {

    private static final int IMAGE_USER = 65532;

    private final String container =
            "leakdesk-image-it-" + ProcessHandle.current().pid();
    private final String volume = container + "-data";
    private String image;

    @AfterEach
    void remove() throws Exception {
        podmanStatus("rm", "--force", "--time", "10", container);
        podmanStatus("volume", "rm", "--force", volume);
        if (image != null) {
            // Another run may still use the same layers; then they stay until its own clean-up.
            podmanStatus("rmi", image);
        }
    }

    @Test
    void servesBothFacesAsItsNonRootUserAndTakesASubmissionToTheInbox() throws Exception {
        Path tar = Path.of(System.getProperty("leakdesk.image.tar"));
        assertThat(tar).as("the image Jib writes with -Pimage").isRegularFile();
        long began = System.nanoTime();
        String loaded = podman("load", "--quiet", "--input", tar.toString());
        phase("loaded the image", began);
        String name = loaded.substring(loaded.lastIndexOf(' ') + 1).strip();
        image = podman("image", "inspect", "--format", "{{.Id}}", name).strip();
        assertThat(podman(
                        "image",
                        "inspect",
                        "--format",
                        "{{.Config.User}} {{.Config.Volumes}} {{.Config.ExposedPorts}}",
                        image))
                .contains(IMAGE_USER + ":" + IMAGE_USER, "/var/lib/leakdesk", "8080/tcp", "8081/tcp");

        podman("volume", "create", volume);
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", container));
        run.addAll(machineSettings());
        run.addAll(List.of(
                "--read-only",
                "--cap-drop=ALL",
                "--security-opt=no-new-privileges",
                "--ulimit",
                "core=0",
                "--publish",
                "127.0.0.1::8080",
                "--publish",
                "127.0.0.1::8081",
                "--volume",
                volume + ":/var/lib/leakdesk",
                // The test's choice, not the image's: the client compiler and one GC thread
                // start it sooner on a small, busy machine (as PackagedApplication.QUICK_START).
                "--env",
                "JAVA_TOOL_OPTIONS=" + String.join(" ", PackagedApplication.QUICK_START),
                image));
        podman(run.toArray(String[]::new));
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> logs().contains("Started LeakDeskApplication") || !running());
        assertThat(running()).as(logs()).isTrue();
        phase("started", began);
        int source = publishedPort(8080);
        int staff = publishedPort(8081);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = SourceApi.page(source, "/", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Send us documents securely");
        HttpResponse<String> signIn = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + staff + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<title>Sign in");

        // The JVM (the container's first process) as the image's user, with the unit's JVM flags.
        assertThat(podman("top", container, "huser", "args")
                        .lines()
                        .filter(line -> line.contains("org.leakdesk.LeakDeskApplication")))
                .singleElement()
                .asString()
                .startsWith(IMAGE_USER + " ")
                .contains("java -XX:+ExitOnOutOfMemoryError -XX:-CreateCoredumpOnCrash");

        Map<String, String> passwords =
                PackagedApplication.passwordsIn(logs().lines().toList());
        assertThat(passwords).containsKey("reviewer");
        Multipart upload = new Multipart().file("files", "memo.txt", "text/plain", "a leaked memo".getBytes());
        assertThat(SourceApi.submit(source, upload).statusCode()).isEqualTo(201);
        StaffClient reviewer = StaffClient.signIn(staff, "reviewer", passwords.get("reviewer"));
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !reviewer.page("/inbox").select("tr[data-case]").isEmpty());
        phase("the submission reached the inbox", began);
        // Parser children got a network namespace of their own inside the container.
        assertThat(logs()).doesNotContain("Parser children share this machine's network");

        // UMask=0077 as in the units: nothing in the data folder is open to a group or to others.
        assertThat(podman("exec", container, "find", "/var/lib/leakdesk", "-type", "f"))
                .contains("/var/lib/leakdesk/db/", "/var/lib/leakdesk/blobs/");
        assertThat(podman("exec", container, "find", "/var/lib/leakdesk", "-perm", "/077"))
                .isEmpty();
    }

    /**
     * What this machine's container engine needs: runc (Debian 12's crun refuses a host whose
     * cgroup v2 hierarchy is mounted beside v1 ones), open files no more than the host's hard limit
     * and a process limit runc may set (podman's defaults are higher than either; only
     * CAP_SYS_RESOURCE may raise them). 8192 threads are many times what the JVM and its parser
     * children use.
     */
    private static List<String> machineSettings() throws IOException {
        List<String> limits = Files.readAllLines(Path.of("/proc/self/limits"));
        String files = hardLimit(limits, "Max open files");
        return List.of("--runtime", "runc", "--ulimit", "nofile=" + files + ":" + files, "--ulimit", "nproc=8192:8192");
    }

    /** The hard limit on a line of {@code /proc/self/limits}: name, soft limit, hard limit, unit. */
    private static String hardLimit(List<String> limits, String name) {
        String line = limits.stream()
                .filter(candidate -> candidate.startsWith(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + name + "' in /proc/self/limits"));
        String hard = line.substring(name.length()).strip().split("\\s+")[1];
        return hard.equals("unlimited") ? "-1" : hard;
    }

    /** Prints how long the test has taken so far, for the figures in the README. */
    private static void phase(String what, long began) {
        System.out.printf("ContainerImageIT: %s after %d s%n", what, (System.nanoTime() - began) / 1_000_000_000);
    }

    private int publishedPort(int containerPort) throws Exception {
        String address = podman("port", container, containerPort + "/tcp").strip();
        assertThat(address).startsWith("127.0.0.1:");
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private String logs() throws Exception {
        return podmanStatus("logs", container).output();
    }

    private boolean running() throws Exception {
        Result state = podmanStatus("inspect", "--format", "{{.State.Running}}", container);
        return state.status() == 0 && state.output().strip().equals("true");
    }

    private record Result(int status, String output) {}

    /** Runs podman and returns its output; fails the test with that output unless it succeeded. */
    private static String podman(String... arguments) throws Exception {
        Result result = podmanStatus(arguments);
        assertThat(result.status())
                .as("podman %s:%n%s", String.join(" ", arguments), result.output())
                .isZero();
        return result.output();
    }

    private static Result podmanStatus(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "podman is not installed: infra/scripts/provision-test-env installs it (apt-get install podman runc)",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
