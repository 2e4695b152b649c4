package org.leakdesk.infra.accounts;

import java.security.SecureRandom;

/**
 * Initial passwords an admin hands over: 20 characters of an alphabet without look-alikes
 * (about 116 random bits), easy to read off a screen and type once.
 */
final class Passwords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;

    private Passwords() {}

    static String random(SecureRandom random) {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
