package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPDefaultPolicy;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.OpenPGPPolicy;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;

/**
 * OpenPGP certificates made anywhere (GnuPG above all), read with Bouncy Castle's evaluation of
 * them: key flags, expiry and revocation of the certificate and of each subkey, as the newest
 * valid self-signature says. Both the newsroom's certificate and journalists' are read here.
 */
final class OpenPgpCertificates {

    /**
     * Bouncy Castle's default policy (RSA from 2048 bits, elliptic curves, SHA-1 self-signatures
     * only before February 2023), which also accepts DSA and ElGamal from 2048 bits: certificates
     * made by GnuPG 1.4 and 2.0 with their former default algorithms stay usable.
     */
    private static final OpenPGPPolicy POLICY = new OpenPGPDefaultPolicy()
            .acceptPublicKeyAlgorithmWithMinimalStrength(PublicKeyAlgorithmTags.DSA, 2000)
            .acceptPublicKeyAlgorithmWithMinimalStrength(PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, 2000);

    private static final OpenPGPImplementation OPENPGP = new BcOpenPGPImplementation();

    private OpenPgpCertificates() {}

    /**
     * Every certificate in an ASCII-armoured or binary OpenPGP file.
     *
     * @throws IllegalArgumentException when it holds no certificate, or a secret key
     */
    static List<OpenPGPCertificate> read(InputStream in) throws IOException {
        List<OpenPGPCertificate> certificates;
        try {
            certificates = new OpenPGPKeyReader(OPENPGP, POLICY).parseKeysOrCertificates(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an OpenPGP public key: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("Not an OpenPGP public key: the file holds no certificate");
        }
        if (certificates.stream().anyMatch(OpenPGPCertificate::isSecretKey)) {
            throw new IllegalArgumentException("The file holds a secret key. Give only the public certificate"
                    + " (gpg --armor --export FINGERPRINT); a secret key should never leave its owner's computer");
        }
        return certificates;
    }

    static String fingerprintOf(OpenPGPCertificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(certificate.getFingerprint());
    }

    /** The primary user id (name and address) valid now, else the first one, else the fingerprint. */
    static String nameOf(OpenPGPCertificate certificate) {
        OpenPGPCertificate.OpenPGPUserId primary = certificate.getPrimaryUserId();
        if (primary != null) {
            return primary.getUserId();
        }
        Iterator<String> names =
                certificate.getPGPPublicKeyRing().getPublicKey().getUserIDs();
        return names.hasNext() ? names.next() : fingerprintOf(certificate);
    }

    /**
     * The newest key of a certificate that OpenPGP lets anyone encrypt to now, as GnuPG picks it:
     * flagged for encryption by a valid self-signature, neither it nor the certificate revoked or
     * expired, of an algorithm and strength {@link #POLICY} accepts. GnuPG's usual certificate has
     * a primary key for signing and a subkey for encryption; whoever keeps only the subkeys (on a
     * laptop, on a smartcard) can decrypt nothing sent to the primary key, so it must not be chosen
     * because its algorithm could encrypt. Empty when there is none; {@link #whyUnusable} says why.
     */
    static Optional<PGPPublicKey> encryptionKeyOf(OpenPGPCertificate certificate) {
        return certificate.getEncryptionKeys(new Date()).stream()
                .max(Comparator.comparing(OpenPGPCertificate.OpenPGPComponentKey::getCreationTime))
                .map(OpenPGPCertificate.OpenPGPComponentKey::getPGPPublicKey);
    }

    /** Why {@link #encryptionKeyOf} found no key, in words for an administrator. */
    static String whyUnusable(OpenPGPCertificate certificate) {
        Date now = new Date();
        if (certificate.getRevocation(now) != null) {
            return "its owner has revoked it";
        }
        Date expiry = certificate.getExpirationTime(now);
        if (expiry != null && !expiry.after(now)) {
            return "it expired on "
                    + DateTimeFormatter.ISO_LOCAL_DATE.format(expiry.toInstant().atOffset(ZoneOffset.UTC))
                    + "; its owner can renew it (gpg --quick-set-expire) and send it again";
        }
        return "it has no encryption key valid now (the key is for signing only, its encryption subkeys"
                + " have expired or been revoked, it uses a weak algorithm such as RSA under 2048 bits,"
                + " or its self-signatures use SHA-1 and were made after January 2023)";
    }
}
