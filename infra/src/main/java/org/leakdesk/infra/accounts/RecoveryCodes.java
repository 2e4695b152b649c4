package org.leakdesk.infra.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: 16 characters of a 31-letter alphabet (79 random bits) in four groups. With
 * that much entropy a SHA-256 of the code is as safe to keep as a slow hash, and costs nothing.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 16;

    private RecoveryCodes() {}

    static List<String> create(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The stored form of a code as shown or as typed (case, dashes and spaces do not matter). */
    static byte[] hash(String code) {
        String normalized = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("leakdesk recovery code\0" + normalized).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
