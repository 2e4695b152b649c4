package org.leakdesk.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.NewsroomKeyLockedException;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.infra.testing.GnuPg;

class NewsroomKeyringTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path keys;

    @Test
    void generatesADemoKeyThatWrapsAndUnwrapsDataKeys() throws Exception {
        NewsroomKeyring keyring = NewsroomKeyring.load(demo(), null, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
        byte[] dataKey = randomBytes(32);

        WrappedKey wrapped = wrap.wrap(dataKey);

        assertThat(wrap.unwrap(wrapped, "ref")).isEqualTo(dataKey);
        assertThat(keyring.fingerprints()).singleElement().asString().hasSize(40);
        assertThat(Files.getPosixFilePermissions(keys.resolve(NewsroomKeyring.SECRET_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void gnupgImportsTheKeyAndUnwrapsOurDataKeys() throws Exception {
        NewsroomKeyring keyring = NewsroomKeyring.load(demo(), null, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
        byte[] dataKey = randomBytes(32);
        Path wrapped =
                Files.write(keys.resolve("wrapped.pgp"), wrap.wrap(dataKey).packet());
        Path home = Files.createDirectories(keys.resolve("gnupg"));
        Files.setPosixFilePermissions(
                home,
                java.util.Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        gpg(home, "--import", keys.resolve(NewsroomKeyring.SECRET_FILE).toString());
        Path out = keys.resolve("unwrapped.bin");
        gpg(
                home,
                "--pinentry-mode",
                "loopback",
                // From the file: a random passphrase that starts with '-' would read as an option.
                "--passphrase-file",
                keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE).toString(),
                "--output",
                out.toString(),
                "--decrypt",
                wrapped.toString());

        assertThat(Files.readAllBytes(out)).isEqualTo(dataKey);
        String packets = gpg(home, "--list-packets", wrapped.toString());
        assertThat(packets)
                .contains(":pubkey enc packet: version 3")
                .contains("encrypted data packet")
                .contains("mdc_method: 2");
    }

    @Test
    void withoutAPassphraseTheKeyStaysLockedButEncryptionWorks() throws Exception {
        NewsroomKeyring.load(demo(), null, random);
        Files.delete(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE));

        NewsroomKeyring locked = NewsroomKeyring.load(demo(), null, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(locked.encryptionKeys(), locked.unlockedKeys(), random);
        WrappedKey wrapped = wrap.wrap(randomBytes(32));

        assertThat(wrap.canUnwrap()).isFalse();
        assertThatThrownBy(() -> wrap.unwrap(wrapped, "ref")).isInstanceOf(NewsroomKeyLockedException.class);
    }

    @Test
    void theEnvironmentPassphraseUnlocksAndAWrongOneIsAClearError() throws Exception {
        NewsroomKeyring.load(demo(), null, random);
        Path passphraseFile = keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE);
        String passphrase = Files.readAllLines(passphraseFile).get(0);
        Files.delete(passphraseFile);

        assertThat(NewsroomKeyring.load(demo(), passphrase, random).unlockedKeys())
                .hasSize(1);
        assertThatThrownBy(() -> NewsroomKeyring.load(demo(), "not the passphrase", random))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void aPassphraseFileOthersCanReadIsRefusedAndTheServiceUsersOwnUnlocks() throws Exception {
        NewsroomKeyring.load(demo(), null, random);
        Path passphraseFile = keys.resolve("elsewhere.passphrase");
        Files.move(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE), passphraseFile);
        KeyProperties production = new KeyProperties(keys, passphraseFile, false, null);

        assertThat(NewsroomKeyring.load(production, null, random).unlockedKeys())
                .hasSize(1);
        Files.setPosixFilePermissions(passphraseFile, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> NewsroomKeyring.load(production, null, random))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may be read or changed by other accounts (mode rw-r-----)")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(passphraseFile, PosixFilePermissions.fromString("r-----r--"));
        assertThatThrownBy(() -> NewsroomKeyring.load(production, null, random)).hasMessageContaining("other accounts");
    }

    @Test
    void theSystemdCredentialIsThePassphraseWhenNoFileIsConfigured(@TempDir Path credentials) throws Exception {
        NewsroomKeyring.load(demo(), null, random);
        Path credential = credentials.resolve(CryptoConfiguration.CREDENTIAL);
        Files.move(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE), credential);
        KeyProperties configured = new KeyProperties(keys, null, false, null);

        assertThat(NewsroomKeyring.load(configured, null, random).unlockedKeys())
                .as("no credential given: the key stays locked")
                .isEmpty();
        KeyProperties withCredential = CryptoConfiguration.withCredential(configured, credentials.toString());
        assertThat(withCredential.passphraseFile()).isEqualTo(credential);
        assertThat(NewsroomKeyring.load(withCredential, null, random).unlockedKeys())
                .hasSize(1);
    }

    @Test
    void aSourceProcessLoadsOnlyTheCertificate() throws Exception {
        NewsroomKeyring.load(demo(), null, random);
        Files.writeString(keys.resolve(NewsroomKeyring.DEMO_PASSPHRASE_FILE), "not the passphrase\n");

        NewsroomKeyring certificates = NewsroomKeyring.loadPublicOnly(demo());
        assertThat(certificates.encryptionKeys()).hasSize(1);
        assertThat(certificates.unlockedKeys()).isEmpty();
        assertThatThrownBy(() -> NewsroomKeyring.load(demo(), null, random))
                .as("a process that does read the key file chokes on it")
                .hasMessageContaining("Cannot unlock");
    }

    @Test
    void aMissingKeyOutsideDemoModeIsAClearError() {
        assertThatThrownBy(() -> NewsroomKeyring.load(new KeyProperties(keys, null, false, null), null, random))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No newsroom public key")
                .hasMessageContaining("generate-demo-key");
    }

    @Test
    void aWrappedKeyFromAnotherNewsroomIsRejected() throws Exception {
        NewsroomKeyring ours = NewsroomKeyring.load(demo(), null, random);
        Path otherDir = Files.createDirectories(keys.resolve("other"));
        NewsroomKeyring theirs = NewsroomKeyring.load(new KeyProperties(otherDir, null, true, null), null, random);
        WrappedKey foreign =
                new OpenPgpKeyWrap(theirs.encryptionKeys(), theirs.unlockedKeys(), random).wrap(randomBytes(32));

        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(ours.encryptionKeys(), ours.unlockedKeys(), random);
        assertThatThrownBy(() -> wrap.unwrap(foreign, "ref"))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageContaining("none of the unlocked newsroom keys");
        byte[] damaged = wrap.wrap(randomBytes(32)).packet();
        damaged[damaged.length - 5] ^= 1;
        assertThatThrownBy(() -> wrap.unwrap(new WrappedKey(damaged), "ref"))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    @Test
    void aNewsroomKeyMadeWithGnupgWrapsToItsEncryptionSubkeyAndUnlocksWithItsPassphrase() throws Exception {
        // GnuPG's usual key: an RSA primary key for signing, an RSA subkey for encryption, protected
        // by a passphrase; the administrator exports both halves into the keys folder.
        Path passphraseFile = keys.resolve("passphrase");
        Files.writeString(passphraseFile, "a passphrase of the newsroom's own\n");
        Files.setPosixFilePermissions(passphraseFile, PosixFilePermissions.fromString("rw-------"));
        List<String> fingerprints;
        try (GnuPg gnupg = GnuPg.start()) {
            String passphrase = "--passphrase-file=" + passphraseFile;
            gnupg.run(passphrase, "--quick-generate-key", "Newsroom <desk@example.org>", "default", "default", "never");
            fingerprints = gnupg.fingerprints("desk@example.org");
            Files.write(
                    keys.resolve(NewsroomKeyring.PUBLIC_FILE), gnupg.run("--armor", "--export", "desk@example.org"));
            Files.write(
                    keys.resolve(NewsroomKeyring.SECRET_FILE),
                    gnupg.run(passphrase, "--armor", "--export-secret-keys", "desk@example.org"));
        }
        KeyProperties production = new KeyProperties(keys, passphraseFile, false, null);

        NewsroomKeyring keyring = NewsroomKeyring.load(production, null, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
        byte[] dataKey = randomBytes(32);
        WrappedKey wrapped = wrap.wrap(dataKey);

        assertThat(keyring.fingerprints()).containsExactly(fingerprints.get(0));
        assertThat(keyring.encryptionKeys())
                .as("the encryption subkey only, not the primary key that signs")
                .singleElement()
                .satisfies(key -> assertThat(fingerprints.get(1))
                        .endsWith(Long.toHexString(key.getKeyID()).toUpperCase(java.util.Locale.ROOT)));
        assertThat(wrap.unwrap(wrapped, "ref")).isEqualTo(dataKey);
        Files.writeString(passphraseFile, "not the newsroom's passphrase\n");
        assertThatThrownBy(() -> NewsroomKeyring.load(production, null, random))
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void aNewsroomCertificateThatCannotBeEncryptedToIsAClearError() throws Exception {
        try (GnuPg gnupg = GnuPg.start()) {
            String fingerprint = gnupg.generateKey("Newsroom <desk@example.org>");
            gnupg.revoke(fingerprint);
            Files.write(keys.resolve(NewsroomKeyring.PUBLIC_FILE), gnupg.run("--armor", "--export", fingerprint));

            assertThatThrownBy(() -> NewsroomKeyring.loadPublicOnly(new KeyProperties(keys, null, false, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("The newsroom certificate " + fingerprint)
                    .hasMessageContaining("cannot be encrypted to: its owner has revoked it");
        }
    }

    private KeyProperties demo() {
        return new KeyProperties(keys, null, true, null);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String gpg(Path home, String... args) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("gpg %s:%n%s", args[0], output).isZero();
        return output;
    }
}
