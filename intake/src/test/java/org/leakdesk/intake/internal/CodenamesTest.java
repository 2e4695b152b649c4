package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodenamesTest {

    private final byte[] salt = "installation-salt".getBytes();
    private final Codenames codenames = new Codenames(new SecureRandom(), () -> salt);

    @Test
    void aCodenameIsSevenWordsOfTheEffLargeList() {
        String codename = codenames.generate();

        String[] words = codename.split(" ");
        assertThat(words).hasSize(Codenames.WORDS);
        assertThat(codenames.words()).hasSize(7776).contains(words).contains("abacus", "zoom");
    }

    @Test
    void codenamesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertThat(seen.add(codenames.generate())).isTrue();
        }
    }

    @Test
    void theHashIsStableUnderRetypingAndDependsOnTheSalt() {
        String codename = codenames.generate();

        byte[] hash = codenames.hash(codename);

        assertThat(hash)
                .hasSize(32)
                .isEqualTo(codenames.hash("  " + codename.toUpperCase().replace(" ", "   ") + " "));
        assertThat(hash).isNotEqualTo(codenames.hash(codename + " x"));
        Codenames otherInstallation = new Codenames(new SecureRandom(), () -> "another-salt-1234".getBytes());
        assertThat(otherInstallation.hash(codename)).isNotEqualTo(hash);
    }
}
