package org.leakdesk.infra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Looks for any run of {@value #WINDOW} bytes of known plaintext in stored bytes: every file
 * under a directory and every column of every table. Binary columns are read raw, others as
 * UTF-8 text, so plaintext stored in either form is found.
 */
public final class PlaintextScanner {

    public static final int WINDOW = 16;

    private final Set<ByteBuffer> windows = new HashSet<>();

    /** Every 16-byte window of each plaintext (as UTF-8 bytes for text). */
    public PlaintextScanner(List<byte[]> plaintexts) {
        for (byte[] plaintext : plaintexts) {
            for (int i = 0; i + WINDOW <= plaintext.length; i++) {
                windows.add(ByteBuffer.wrap(plaintext, i, WINDOW).slice());
            }
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("Nothing to look for");
        }
    }

    /** Where plaintext was found, as readable descriptions; empty when none was. */
    public List<String> findInFiles(Path root) throws IOException {
        List<String> findings = new ArrayList<>();
        if (!Files.exists(root)) {
            return findings;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    int at = firstMatch(in.readAllBytes());
                    if (at >= 0) {
                        findings.add(file + " at byte " + at);
                    }
                }
            }
        }
        return findings;
    }

    /** Scans every table of the connection's current schema. */
    public List<String> findInDatabase(DataSource dataSource) throws SQLException {
        List<String> findings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("No tables found to scan");
            }
            for (String table : tables) {
                scanTable(connection, table, findings);
            }
        }
        return findings;
    }

    private void scanTable(Connection connection, String table, List<String> findings) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData columns = rs.getMetaData();
            long row = 0;
            while (rs.next()) {
                row++;
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    byte[] value = switch (columns.getColumnType(c)) {
                        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(c);
                        default -> {
                            String text = rs.getString(c);
                            yield text == null ? null : text.getBytes(StandardCharsets.UTF_8);
                        }
                    };
                    if (value != null && firstMatch(value) >= 0) {
                        findings.add(table + "." + columns.getColumnName(c) + " (row " + row + ")");
                    }
                }
            }
        }
    }

    private int firstMatch(byte[] data) {
        for (int i = 0; i + WINDOW <= data.length; i++) {
            if (windows.contains(ByteBuffer.wrap(data, i, WINDOW).slice())) {
                return i;
            }
        }
        return -1;
    }
}
