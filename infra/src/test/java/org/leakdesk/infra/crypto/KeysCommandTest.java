package org.leakdesk.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.KeyTools;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.infra.testing.GnuPg;

/** {@code keys init} and {@code keys add-journalist} as an administrator runs them. */
class KeysCommandTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void initCreatesAProductionKeyUnlockedOnlyWithThePassphraseFromTheEnvironment() throws Exception {
        Path keys = dir.resolve("keys");

        int status = keys(
                Map.of("NEWSROOM_PASS", PASSPHRASE),
                "init",
                "--keys-dir",
                keys.toString(),
                "--passphrase-env",
                "NEWSROOM_PASS",
                "--name",
                "Example Daily <desk@example.org>");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("Created the newsroom key [0-9A-F]{40}");
        assertThat(Files.getPosixFilePermissions(keys.resolve(NewsroomKeyring.SECRET_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE)).doesNotExist();
        assertThat(Files.readString(keys.resolve(NewsroomKeyring.SECRET_FILE))).doesNotContain(PASSPHRASE);
        SecureRandom random = new SecureRandom();
        NewsroomKeyring keyring = NewsroomKeyring.load(new KeyProperties(keys, null, false, null), PASSPHRASE, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
        WrappedKey wrapped = wrap.wrap(new byte[32]);
        assertThat(wrap.unwrap(wrapped, "ref")).hasSize(32);
        assertThat(out.toString()).contains(keyring.fingerprints().get(0));
    }

    @Test
    void initTakesThePassphraseFromAFileAndNeverOverwritesAKey() throws Exception {
        Path keys = dir.resolve("keys");
        Path passphrase = dir.resolve("passphrase");
        Files.writeString(passphrase, PASSPHRASE + "\n");
        assertThat(keys(Map.of(), "init", "--keys-dir", keys.toString(), "--passphrase-file", passphrase.toString()))
                .isZero();
        byte[] secret = Files.readAllBytes(keys.resolve(NewsroomKeyring.SECRET_FILE));

        int again = keys(Map.of(), "init", "--keys-dir", keys.toString(), "--passphrase-file", passphrase.toString());

        assertThat(again).isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString()).contains("already exists").contains("nothing was changed");
        assertThat(Files.readAllBytes(keys.resolve(NewsroomKeyring.SECRET_FILE)))
                .isEqualTo(secret);
    }

    @Test
    void initRefusesAShortPassphraseAMissingVariableAndAPassphraseAsArgument() throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(keys(Map.of("P", "short"), "init", "--keys-dir", keys.toString(), "--passphrase-env", "P"))
                .isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString()).contains("at least 12 characters");
        assertThat(keys(Map.of(), "init", "--keys-dir", keys.toString(), "--passphrase-env", "UNSET"))
                .isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString()).contains("UNSET is not set");
        assertThat(keys(Map.of(), "init", "--keys-dir", keys.toString(), "--passphrase", PASSPHRASE))
                .isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString()).contains("unknown option --passphrase");
        assertThat(keys.resolve(NewsroomKeyring.SECRET_FILE)).doesNotExist();
    }

    @Test
    void addJournalistKeepsAGnupgKeyUnderItsFingerprintAndRefusesWhatIsNotAKey() throws Exception {
        try (GnuPg gnupg = GnuPg.start()) {
            String fingerprint = gnupg.generateKey("Journalist <j@example.org>");
            Path exported = gnupg.exportPublicKey("j@example.org");
            Path keys = dir.resolve("keys");

            int status = keys(Map.of(), "add-journalist", "--keys-dir", keys.toString(), "--key", exported.toString());

            assertThat(status).as(err.toString()).isZero();
            assertThat(out.toString()).contains(fingerprint).contains("Journalist <j@example.org>");
            assertThat(keys.resolve("journalists").resolve(fingerprint + ".asc"))
                    .exists();
            OpenPgpJournalistKeys journalistKeys = new OpenPgpJournalistKeys(keys, new SecureRandom());
            journalistKeys.require(fingerprint.toLowerCase());
            assertThat(journalistKeys.list())
                    .containsExactly(new JournalistKeys.JournalistKey(fingerprint, "Journalist <j@example.org>"));

            Path notAKey = dir.resolve("note.asc");
            Files.writeString(notAKey, "hello");
            assertThat(keys(Map.of(), "add-journalist", "--keys-dir", keys.toString(), "--key", notAKey.toString()))
                    .isEqualTo(KeysCommand.USAGE);
        }
    }

    private int keys(Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        return KeyTools.run(
                List.of(args),
                environment::get,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
