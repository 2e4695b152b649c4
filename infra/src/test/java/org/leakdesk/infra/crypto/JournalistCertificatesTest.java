package org.leakdesk.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPMessageInputStream;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.KeyTools;
import org.leakdesk.infra.testing.GnuPg;

/**
 * Journalists' certificates as the real GnuPG 2.2 makes them on their own computers, of every
 * algorithm it offers, added with {@code keys add-journalist}: an export reaches the key meant for
 * encryption and GnuPG decrypts it to the same bytes; a certificate that cannot receive exports is
 * refused with the reason and nothing is added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalistCertificatesTest {

    private static final String PAST = "--faked-system-time=20200101T000000";

    @TempDir
    Path dir;

    private GnuPg gnupg;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void gnupg() throws IOException {
        gnupg = GnuPg.start();
    }

    @AfterAll
    void stopTheAgent() throws Exception {
        gnupg.close();
    }

    @ParameterizedTest(name = "{0} with a {1} encryption subkey")
    @CsvSource({
        "rsa2048, rsa2048",
        "ed25519, cv25519",
        "nistp256, nistp256",
        "nistp384, nistp384",
        "brainpoolP256r1, brainpoolP256r1",
        "dsa2048, elg2048"
    })
    void anExportIsEncryptedToTheEncryptionSubkeyAndGnupgDecryptsIt(String primary, String subkey) throws Exception {
        String who = primary + "@example.org";
        gnupg.run("--quick-generate-key", "Journalist <" + who + ">", primary, "cert", "never");
        String fingerprint = gnupg.fingerprints(who).get(0);
        gnupg.run("--quick-add-key", fingerprint, subkey, "encr", "never");
        String encryptionSubkey = gnupg.fingerprints(who).get(1);

        assertThat(addJournalist(gnupg.exportPublicKey(who))).as(err.toString()).isZero();

        byte[] document = document(100_000);
        Path export = export(fingerprint, document);
        assertThat(packets(gnupg, export)).contains("keyid " + keyId(encryptionSubkey));
        assertThat(gnupg.run("--decrypt", export.toString())).isEqualTo(document);
    }

    @Test
    void aJournalistWhosePrimarySecretKeyIsOfflineDecryptsWithTheSubkeyAlone() throws Exception {
        // GnuPG's default certificate: an RSA primary key for signing, an RSA subkey for
        // encryption. Both could encrypt by their algorithm; only the subkey is meant to, and a
        // laptop or smartcard that holds the subkeys alone can decrypt nothing else.
        String fingerprint = gnupg.generateKey("Offline <offline@example.org>");
        Path subkeysOnly = dir.resolve("subkeys.gpg");
        Files.write(subkeysOnly, gnupg.run("--export-secret-subkeys", fingerprint));
        Path binaryCertificate = dir.resolve("offline.gpg");
        Files.write(binaryCertificate, gnupg.run("--export", fingerprint));

        assertThat(addJournalist(binaryCertificate)).as(err.toString()).isZero();
        assertThat(out.toString()).contains(fingerprint).contains("Offline <offline@example.org>");

        byte[] document = document(50_000);
        Path export = export(fingerprint, document);
        try (GnuPg laptop = GnuPg.start()) {
            laptop.run("--import", subkeysOnly.toString());
            assertThat(laptop.run("--decrypt", export.toString())).isEqualTo(document);
        }
    }

    @Test
    void aCertificateWithoutUserIdsAsKeyserversHandThemOutReceivesExports() throws Exception {
        String fingerprint = gnupg.generateKey("Unnamed <unnamed@example.org>");
        Path certificate = dir.resolve("unnamed.asc");
        // keys.openpgp.org gives out certificates without the user ids their owners did not confirm.
        Files.write(
                certificate, gnupg.run("--armor", "--export-filter", "keep-uid=uid = nobody", "--export", fingerprint));
        assertThat(packets(gnupg, certificate)).doesNotContain(":user ID packet:");

        assertThat(addJournalist(certificate)).as(err.toString()).isZero();
        assertThat(out.toString()).contains(fingerprint + " (it names nobody");

        byte[] document = document(2_000);
        assertThat(gnupg.run("--decrypt", export(fingerprint, document).toString()))
                .isEqualTo(document);
    }

    @Test
    void aRenewedCertificateIsTakenAsItsOwnerLastSignedIt() throws Exception {
        String who = "renewed@example.org";
        gnupg.run(PAST, "--quick-generate-key", "Renewed <" + who + ">", "rsa2048", "cert", "never");
        String fingerprint = gnupg.fingerprints(who).get(0);
        gnupg.run(PAST, "--quick-add-key", fingerprint, "rsa2048", "encr", "2021-01-01");
        String expiredSubkey = gnupg.fingerprints(who).get(1);
        gnupg.run(PAST, "--quick-add-key", fingerprint, "rsa2048", "encr", "2021-01-01");
        String extendedSubkey = gnupg.fingerprints(who).get(2);
        gnupg.run("--quick-set-expire", fingerprint, "never", extendedSubkey);

        assertThat(addJournalist(gnupg.exportPublicKey(who))).as(err.toString()).isZero();

        byte[] document = document(1_000);
        String packets = packets(gnupg, export(fingerprint, document));
        assertThat(packets).contains("keyid " + keyId(extendedSubkey)).doesNotContain(keyId(expiredSubkey));
        assertThat(gnupg.run("--decrypt", export(fingerprint, document).toString()))
                .isEqualTo(document);
    }

    @Test
    void certificatesThatCannotReceiveExportsAreRefusedWithTheReason() throws Exception {
        String revoked = gnupg.generateKey("Revoked <revoked@example.org>");
        gnupg.revoke(revoked);
        assertRefused("revoked@example.org", "its owner has revoked it");

        gnupg.run(PAST, "--quick-generate-key", "Expired <expired@example.org>", "rsa2048", "cert", "2021-01-01");
        gnupg.run(
                PAST,
                "--quick-add-key",
                gnupg.fingerprints("expired@example.org").get(0),
                "rsa2048",
                "encr");
        assertRefused("expired@example.org", "it expired on 2021-01-01");

        gnupg.run(PAST, "--quick-generate-key", "Old subkey <old@example.org>", "rsa2048", "cert", "never");
        gnupg.run(
                PAST, "--quick-add-key", gnupg.fingerprints("old@example.org").get(0), "rsa2048", "encr", "2021-01-01");
        assertRefused("old@example.org", "it has no encryption key valid now");

        gnupg.run("--quick-generate-key", "Signer <signer@example.org>", "ed25519", "sign", "never");
        assertRefused("signer@example.org", "it has no encryption key valid now");

        gnupg.run("--quick-generate-key", "Weak <weak@example.org>", "rsa1024", "default", "never");
        assertRefused("weak@example.org", "it has no encryption key valid now");
    }

    @Test
    void aLongFileNameIsShortenedToWhatALiteralPacketHoldsAndTheExportDecrypts() throws Exception {
        String fingerprint = gnupg.generateKey("Names <names@example.org>");
        assertThat(addJournalist(gnupg.exportPublicKey("names@example.org")))
                .as(err.toString())
                .isZero();
        // 228 characters of Cyrillic: 417 bytes of UTF-8, where a literal packet's name holds 255.
        String name = "Протокол совещания ".repeat(12) + ".pdf";
        byte[] document = document(20_000);

        Path export = export(fingerprint, name, document);

        assertThat(gnupg.run("--decrypt", export.toString())).isEqualTo(document);
        String shortened = OpenPgpJournalistKeys.literalName(name);
        assertThat(shortened.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
        assertThat(shortened).startsWith("Протокол совещания Протокол").endsWith("....pdf");
        assertThat(name).startsWith(shortened.substring(0, shortened.length() - "....pdf".length()));
        assertThat(OpenPgpJournalistKeys.literalName("\uD83D\uDCC4".repeat(100)))
                .as("cut between the halves of no surrogate pair")
                .isEqualTo("\uD83D\uDCC4".repeat(63) + "...");
        assertThat(OpenPgpJournalistKeys.literalName("report.pdf")).isEqualTo("report.pdf");
    }

    @Test
    void aDamagedKeyFileLeavesTheOtherKeysUsable() throws Exception {
        String fingerprint = gnupg.generateKey("Intact <intact@example.org>");
        assertThat(addJournalist(gnupg.exportPublicKey("intact@example.org")))
                .as(err.toString())
                .isZero();
        Files.writeString(dir.resolve("keys/journalists/DAMAGED.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx");

        OpenPgpJournalistKeys keys = new OpenPgpJournalistKeys(dir.resolve("keys"), new SecureRandom());

        assertThat(keys.list())
                .extracting(JournalistKeys.JournalistKey::fingerprint)
                .contains(fingerprint);
        byte[] document = document(1_000);
        assertThat(gnupg.run("--decrypt", export(fingerprint, document).toString()))
                .isEqualTo(document);
    }

    /**
     * A version 6 certificate (RFC 9580), as Sequoia or OpenPGP.js make them, here made by Bouncy
     * Castle's own RFC 9580 key generator: GnuPG 2.2 cannot read it, but an implementation that
     * makes such keys decrypts the export (a v3 session key packet to its X25519 subkey before
     * SEIPD v1, as RFC 9580 allows for any key version) to the same bytes.
     */
    @Test
    void aVersion6CertificateReceivesExportsItsOwnSoftwareDecrypts() throws Exception {
        OpenPGPApi api = new BcOpenPGPApi();
        OpenPGPKey key = api.generateKey(PublicKeyPacket.VERSION_6)
                .ed25519x25519Key("Journalist <v6@example.org>")
                .build();
        Path certificate = dir.resolve("v6.asc");
        Files.writeString(certificate, key.toCertificate().toAsciiArmoredString());
        String fingerprint = OpenPgpCertificates.fingerprintOf(key);

        assertThat(addJournalist(certificate)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Added the journalist key " + fingerprint);

        byte[] document = document(100_000);
        Path export = export(fingerprint, document);
        OpenPGPMessageInputStream decrypted =
                api.decryptAndOrVerifyMessage().addDecryptionKey(key).process(Files.newInputStream(export));
        try (decrypted) {
            assertThat(decrypted.readAllBytes()).isEqualTo(document);
        }
    }

    @Test
    void aSecretKeyIsRefusedAndNotKept() throws Exception {
        gnupg.generateKey("Careless <careless@example.org>");
        Path secret = dir.resolve("secret.asc");
        Files.write(secret, gnupg.run("--armor", "--export-secret-keys", "careless@example.org"));

        assertThat(addJournalist(secret)).isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString()).contains("holds a secret key");
        assertThat(dir.resolve("keys")).doesNotExist();
    }

    private void assertRefused(String who, String reason) throws Exception {
        String fingerprint = gnupg.fingerprints(who).get(0);
        assertThat(addJournalist(gnupg.exportPublicKey(who))).as(who).isEqualTo(KeysCommand.USAGE);
        assertThat(err.toString())
                .as(who)
                .contains("The journalist key " + fingerprint + " cannot receive exports: " + reason)
                .contains("Nothing was added.");
        assertThat(dir.resolve("keys/journalists").resolve(fingerprint + ".asc"))
                .as(who)
                .doesNotExist();
    }

    private int addJournalist(Path certificate) {
        out.reset();
        err.reset();
        return KeyTools.run(
                List.of(
                        "add-journalist",
                        "--keys-dir",
                        dir.resolve("keys").toString(),
                        "--key",
                        certificate.toString()),
                variable -> null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path export(String fingerprint, byte[] document) throws IOException {
        return export(fingerprint, "document.pdf", document);
    }

    private Path export(String fingerprint, String fileName, byte[] document) throws IOException {
        Path export = Files.createTempFile(dir, "export", ".gpg");
        OpenPgpJournalistKeys keys = new OpenPgpJournalistKeys(dir.resolve("keys"), new SecureRandom());
        try (OutputStream file = Files.newOutputStream(export);
                OutputStream encrypted = keys.encryptTo(fingerprint, fileName, file)) {
            encrypted.write(document);
        }
        return export;
    }

    private static String packets(GnuPg gnupg, Path export) throws Exception {
        return new String(gnupg.run("--list-packets", export.toString()), StandardCharsets.UTF_8);
    }

    /** The long key id GnuPG prints for a v4 key: the last 16 digits of its fingerprint. */
    private static String keyId(String fingerprint) {
        return fingerprint.substring(fingerprint.length() - 16);
    }

    private static byte[] document(int size) {
        byte[] document = new byte[size];
        new Random(size).nextBytes(document);
        return document;
    }
}
