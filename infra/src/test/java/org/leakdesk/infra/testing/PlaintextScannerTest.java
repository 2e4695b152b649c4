package org.leakdesk.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The scanner must find what it looks for, or a test built on it would pass vacuously. */
@SpringBootTest
class PlaintextScannerTest {

    private static final byte[] ARTICLE = "The eight-page intelligence report reveals that operatives are recruiting."
            .getBytes(StandardCharsets.UTF_8);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void findsSixteenBytesOfPlaintextInAFile() throws Exception {
        PlaintextScanner scanner = new PlaintextScanner(List.of(ARTICLE));
        Files.write(dir.resolve("clean.bin"), "nothing to see here, only noise".getBytes());
        assertThat(scanner.findInFiles(dir)).isEmpty();

        byte[] leak = new byte[100];
        System.arraycopy(ARTICLE, 20, leak, 50, PlaintextScanner.WINDOW);
        Files.write(dir.resolve("leak.bin"), leak);

        assertThat(scanner.findInFiles(dir)).singleElement().asString().contains("leak.bin at byte 50");
    }

    @Test
    void doesNotReportFifteenBytes() throws Exception {
        PlaintextScanner scanner = new PlaintextScanner(List.of(ARTICLE));
        Files.write(dir.resolve("short.bin"), Arrays.copyOfRange(ARTICLE, 3, 3 + PlaintextScanner.WINDOW - 1));

        assertThat(scanner.findInFiles(dir)).isEmpty();
    }

    @Test
    void findsPlaintextInTextAndBinaryColumns() throws Exception {
        PlaintextScanner scanner = new PlaintextScanner(List.of(ARTICLE));
        jdbc.sql("CREATE TABLE IF NOT EXISTS scanner_probe_persistent (label VARCHAR(200), payload BYTEA)")
                .update();
        try {
            jdbc.sql("INSERT INTO scanner_probe_persistent VALUES (?, ?)")
                    .params("prefix " + new String(ARTICLE, 10, 30, StandardCharsets.UTF_8), new byte[] {1, 2, 3})
                    .update();
            jdbc.sql("INSERT INTO scanner_probe_persistent VALUES (?, ?)")
                    .params("harmless", Arrays.copyOfRange(ARTICLE, 30, 60))
                    .update();

            assertThat(scanner.findInDatabase(dataSource))
                    .contains("scanner_probe_persistent.label (row 1)", "scanner_probe_persistent.payload (row 2)");
        } finally {
            jdbc.sql("DROP TABLE scanner_probe_persistent").update();
        }
    }
}
