package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.testing.Multipart;

/**
 * The README's run command in miniature: the packaged jar started with no configuration at all
 * in an empty folder must come up on H2 with a demo key and demo accounts, take a submission on
 * the source port and show it to the reviewer on the staff port. The auditor's export of its
 * access log is then checked offline by the jar's own {@code verify-log} command.
 */
class ZeroSetupRunIT {

    @TempDir
    Path workingDirectory;

    private PackagedApplication application;

    @AfterEach
    void stop() throws InterruptedException {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void startsWithEmbeddedDefaultsAndServesBothFaces() throws Exception {
        application = PackagedApplication.start(workingDirectory);
        Process process = application.process;
        int source = application.sourcePort;
        int staff = application.staffPort;
        assertThat(process.isAlive()).as(application.log()).isTrue();

        Map<String, String> passwords = application.passwords();
        assertThat(passwords).containsOnlyKeys("reviewer", "editor", "auditor", "admin");
        assertThat(application.log()).contains("DEMO KEY");
        Path data = workingDirectory.resolve("data");
        assertThat(data.resolve("keys/newsroom.pub.asc")).exists();
        assertThat(data.resolve("keys/newsroom.sec.asc")).exists();
        assertThat(data.resolve("keys/newsroom.passphrase")).exists();
        assertThat(data.resolve("db/leakdesk.mv.db")).exists();

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = SourceApi.page(source, "/", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Send us documents securely");
        Multipart upload = new Multipart().file("files", "memo.txt", "text/plain", "a leaked memo".getBytes());
        HttpResponse<String> receipt = SourceApi.submit(source, upload);
        assertThat(receipt.statusCode()).isEqualTo(201);

        StaffClient reviewer = StaffClient.signIn(staff, "reviewer", passwords.get("reviewer"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !reviewer.page("/inbox").select("tr[data-case]").isEmpty());
        assertThat(Files.list(data.resolve("blobs")).count()).isGreaterThan(1);

        StaffClient auditor = StaffClient.signIn(staff, "auditor", passwords.get("auditor"));
        Path export = workingDirectory.resolve("access-log.jsonl");
        Files.write(export, auditor.download("/audit/export?format=jsonl").body());
        Path proof = workingDirectory.resolve("entry-2.proof");
        Files.write(proof, auditor.download("/audit/proof?sequence=2").body());

        // The access log is append-only on H2 too, once the application has let go of the database.
        process.destroy();
        process.waitFor();
        assertThat(filesContaining(data, passwords.values()))
                .as("demo passwords are shown once and never stored in clear")
                .isEmpty();
        // Shown once: the banner appears once, and each password only on its own banner line,
        // never again in a log line (sign-ins, audit entries, errors) of the whole run.
        String output = application.log();
        assertThat(output).containsOnlyOnce("LeakDesk demo staff accounts (shown once; not stored in clear)");
        passwords.forEach((account, password) -> {
            assertThat(output).as("the password of %s", account).containsOnlyOnce(password);
            assertThat(application.output.stream().filter(line -> line.contains(password)))
                    .singleElement()
                    .asString()
                    .matches("\\s+" + account + "\\s+" + password + "\\s*");
        });
        try (Connection h2 = DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("db/leakdesk").toAbsolutePath(), "leakdesk", "");
                Statement statement = h2.createStatement()) {
            ResultSet entries = statement.executeQuery("SELECT COUNT(*) FROM access_log");
            entries.next();
            assertThat(entries.getLong(1)).isGreaterThan(5);
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE access_log SET actor = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM access_log"))
                    .hasMessageContaining("append-only");
        }

        // The auditor's offline verifier, as the jar's own command, on the export and the witness folder.
        String key = data.resolve("witness/checkpoint-key.pub").toString();
        String witness = data.resolve("witness").toString();
        Command verified =
                verifyLog("--witness", witness, "--public-key", key, "--export", export.toString(), "--complete");
        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).startsWith("INTACT");
        Command proven = verifyLog(
                "check-proof", "--proof", proof.toString(), "--export", export.toString(), "--public-key", key);
        assertThat(proven.status()).as(proven.output()).isZero();
        assertThat(proven.output()).startsWith("PROVEN: entry 2");
        List<String> lines = Files.readAllLines(export);
        lines.set(1, lines.get(1).replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"someone else\""));
        Files.write(export, lines);
        Command tampered = verifyLog("--witness", witness, "--public-key", key, "--export", export.toString());
        assertThat(tampered.status()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).startsWith("NOT INTACT: entry 2: its content does not match its hash");
    }

    private record Command(int status, String output) {}

    private Command verifyLog(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("leakdesk.jar")).toAbsolutePath().toString(),
                "verify-log"));
        command.addAll(List.of(args));
        Process run = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Command(run.waitFor(), output);
    }

    /** Files under {@code folder} that hold any of {@code secrets} as plain bytes. */
    private static List<Path> filesContaining(Path folder, java.util.Collection<String> secrets) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        try {
                            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                            return secrets.stream().anyMatch(content::contains);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
