package org.leakdesk.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.leakdesk.infra.KeyTools;

/**
 * The real GnuPG 2.2 with a home directory of its own under {@code /tmp} (its agent's socket path
 * must stay short), for tests that check what LeakDesk writes against what GnuPG reads. Keys it
 * makes have no passphrase. Closing stops its agent.
 */
public final class GnuPg implements AutoCloseable {

    private final Path home;

    private GnuPg(Path home) {
        this.home = home;
    }

    public static GnuPg start() throws IOException {
        return new GnuPg(Files.createTempDirectory(Path.of("/tmp"), "gpg"));
    }

    /** Runs gpg in batch mode; fails the test unless it exits 0. Standard output is returned. */
    public byte[] run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "gpg", "--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(args));
        Process gpg = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] output = gpg.getInputStream().readAllBytes();
        assertThat(gpg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gpg.exitValue()).as("gpg " + args[0]).isZero();
        return output;
    }

    /** Makes a key pair (GnuPG's default algorithms, never expiring) and returns its fingerprint. */
    public String generateKey(String userId) throws IOException, InterruptedException {
        run("--quick-generate-key", userId, "default", "default", "never");
        return fingerprints(userId).get(0);
    }

    /** The fingerprints of a certificate's primary key and its subkeys, primary key first. */
    public List<String> fingerprints(String who) throws IOException, InterruptedException {
        return new String(run("--with-colons", "--list-keys", who), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("fpr:"))
                .map(line -> line.split(":")[9])
                .toList();
    }

    /**
     * Revokes a whole key made here, by importing the revocation certificate GnuPG wrote when it
     * made the key (GnuPG prefixes its armour line with a colon so that it is not imported by
     * accident; the colon is removed, as its owner would do).
     */
    public void revoke(String fingerprint) throws IOException, InterruptedException {
        Path saved = home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        Path revocation = Files.createTempFile(home, "revocation", ".asc");
        Files.writeString(revocation, Files.readString(saved).replace(":-----BEGIN", "-----BEGIN"));
        run("--import", revocation.toString());
    }

    /** The ASCII-armoured certificate of a key, written to a file in this home. */
    public Path exportPublicKey(String who) throws IOException, InterruptedException {
        Path exported = Files.createTempFile(home, "certificate", ".asc");
        Files.write(exported, run("--armor", "--export", who));
        return exported;
    }

    /**
     * Makes a journalist's key pair here and adds its certificate to LeakDesk's keys folder with
     * the {@code keys add-journalist} command, as an administrator does; returns its fingerprint.
     */
    public String addJournalistTo(Path keysDirectory, String name, String email)
            throws IOException, InterruptedException {
        String fingerprint = generateKey(name + " <" + email + ">");
        Path certificate = exportPublicKey(email);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KeyTools.run(
                List.of("add-journalist", "--keys-dir", keysDirectory.toString(), "--key", certificate.toString()),
                variable -> null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(fingerprint);
        return fingerprint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .start()
                .waitFor(30, TimeUnit.SECONDS);
    }
}
