package org.leakdesk.intake.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Codenames: seven words drawn uniformly from the EFF large wordlist (7,776 words, so about 90
 * bits), and their Argon2id hash under an installation-wide salt. The salt is fixed so that a
 * returning source's codename can be looked up by its hash; the codename itself is never stored.
 */
final class Codenames {

    static final int WORDS = 7;
    private static final byte[] REPLY_KEY_DOMAIN = "leakdesk source reply key v1".getBytes(StandardCharsets.UTF_8);
    private static final String WORDLIST = "intake/eff_large_wordlist.txt";
    private static final int EFF_LARGE_SIZE = 7776;

    private final List<String> words;
    private final SecureRandom random;
    private final Supplier<byte[]> salt;

    Codenames(SecureRandom random, Supplier<byte[]> salt) {
        this.words = loadWordlist();
        this.random = random;
        this.salt = salt;
    }

    String generate() {
        StringJoiner codename = new StringJoiner(" ");
        for (int i = 0; i < WORDS; i++) {
            codename.add(words.get(random.nextInt(words.size())));
        }
        return codename.toString();
    }

    /** Argon2id, 19 MiB, 2 passes, 1 lane (OWASP's minimum), 32-byte output. */
    byte[] hash(String codename) {
        return argon2id(codename, null);
    }

    /**
     * The seed of the source's reply key pair: the same Argon2id over the codename, separated from
     * the lookup {@link #hash} by Argon2's associated data, so the stored hash says nothing about
     * the key. Never stored; wipe it after use.
     */
    byte[] replyKeySeed(String codename) {
        return argon2id(codename, REPLY_KEY_DOMAIN);
    }

    private byte[] argon2id(String codename, byte @Nullable [] domain) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withSalt(salt.get())
                .withMemoryAsKB(19 * 1024)
                .withIterations(2)
                .withParallelism(1);
        if (domain != null) {
            parameters.withAdditional(domain);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.build());
        byte[] hash = new byte[32];
        generator.generateBytes(normalize(codename).getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    /** Sources retype codenames: ignore case and runs of spaces. */
    static String normalize(String codename) {
        return String.join(
                " ", codename.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+"));
    }

    List<String> words() {
        return words;
    }

    private static List<String> loadWordlist() {
        List<String> words = new ArrayList<>(EFF_LARGE_SIZE);
        try (InputStream in = Codenames.class.getClassLoader().getResourceAsStream(WORDLIST)) {
            if (in == null) {
                throw new IllegalStateException("The codename wordlist " + WORDLIST + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] diceAndWord = line.trim().split("\\s+");
                if (diceAndWord.length == 2) {
                    words.add(diceAndWord[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the codename wordlist", e);
        }
        if (words.size() != EFF_LARGE_SIZE || words.stream().distinct().count() != EFF_LARGE_SIZE) {
            throw new IllegalStateException("The codename wordlist must hold 7776 distinct words");
        }
        return List.copyOf(words);
    }
}
