package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.NewsroomKeyLockedException;
import org.leakdesk.infra.NewsroomKeyRotation;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.infra.WrappedKeyColumns;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-wraps data keys row by row: each row is updated on its own (only if its key is still the one
 * read), so an interruption leaves every row readable with one of the two keys, and a row already
 * wrapped to the new key is recognised by its recipients and skipped.
 */
final class RewrappingKeyRotation implements NewsroomKeyRotation {

    static final String ROTATION_DIRECTORY = "rotation";
    static final String RETIRED_DIRECTORY = "retired";

    private final KeyProperties properties;
    private final @Nullable String environmentPassphrase;
    private final NewsroomKeyring current;
    private final OpenPgpKeyWrap currentWrap;
    private final List<WrappedKeyColumns> modules;
    private final JdbcClient jdbc;
    private final SecureRandom random;

    RewrappingKeyRotation(
            KeyProperties properties,
            @Nullable String environmentPassphrase,
            NewsroomKeyring current,
            OpenPgpKeyWrap currentWrap,
            List<WrappedKeyColumns> modules,
            JdbcClient jdbc,
            SecureRandom random) {
        this.properties = properties;
        this.environmentPassphrase = environmentPassphrase;
        this.current = current;
        this.currentWrap = currentWrap;
        this.modules = modules;
        this.jdbc = jdbc;
        this.random = random;
    }

    @Override
    public Result rotate(int batch, PrintStream progress) throws IOException {
        if (!currentWrap.canUnwrap()) {
            throw new NewsroomKeyLockedException();
        }
        Path next = nextKey(progress);
        NewsroomKeyring nextKeyring = NewsroomKeyring.load(
                new KeyProperties(next, properties.passphraseFile(), false, null), environmentPassphrase, random);
        OpenPgpKeyWrap nextWrap = new OpenPgpKeyWrap(nextKeyring.encryptionKeys(), Map.of(), random);
        Set<Long> nextKeyIds = new HashSet<>();
        nextKeyring.encryptionKeys().stream().map(PGPPublicKey::getKeyID).forEach(nextKeyIds::add);
        Counts counts = new Counts();
        long before;
        do {
            // Again until a pass finds nothing left: rows written meanwhile by a process still running.
            before = counts.rewrapped;
            for (WrappedKeyColumns module : modules) {
                for (WrappedKeyColumns.Column column : module.columns()) {
                    rewrap(column, batch, nextWrap, nextKeyIds, counts, progress);
                }
            }
        } while (counts.rewrapped > before);
        String fingerprint = nextKeyring.fingerprints().get(0);
        if (counts.failed > 0) {
            progress.printf(
                    "%d keys could not be unwrapped with the current key; the rotation is not finished and the"
                            + " key files were not swapped. Run it again once they are dealt with.%n",
                    counts.failed);
        } else {
            swap(next);
            progress.printf(
                    "Rotated to %s: %d keys re-wrapped now, %d earlier; the old key is in %s/.%n",
                    fingerprint, counts.rewrapped, counts.alreadyDone, RETIRED_DIRECTORY);
        }
        return new Result(fingerprint, counts.rewrapped, counts.alreadyDone, counts.failed);
    }

    /** The key being rotated to: the one an interrupted run made, or a new one. */
    private Path nextKey(PrintStream progress) throws IOException {
        Path next = properties.directory().resolve(ROTATION_DIRECTORY);
        if (Files.exists(next.resolve(NewsroomKeyring.PUBLIC_FILE))) {
            progress.println("Resuming the rotation to the key in " + next + ".");
            return next;
        }
        // A run stopped while generating wrapped nothing to that key yet: start it again.
        if (Files.exists(next)) {
            try (var files = Files.list(next)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(next);
        Optional<char[]> passphrase = NewsroomKeyring.passphrase(properties, environmentPassphrase);
        if (passphrase.isEmpty()) {
            throw new NewsroomKeyLockedException();
        }
        try {
            // Written under temporary names: the public file's presence marks a complete key.
            Path scratch = Files.createDirectories(next.resolve("new"));
            String fingerprint = NewsroomKeyring.generate(scratch, passphrase.get(), "LeakDesk newsroom key");
            Files.move(scratch.resolve(NewsroomKeyring.SECRET_FILE), next.resolve(NewsroomKeyring.SECRET_FILE));
            Files.move(scratch.resolve(NewsroomKeyring.PUBLIC_FILE), next.resolve(NewsroomKeyring.PUBLIC_FILE));
            Files.delete(scratch);
            progress.println("Starting a rotation to the new key " + fingerprint + " (in " + next + ").");
        } finally {
            Arrays.fill(passphrase.get(), '\0');
        }
        return next;
    }

    private void rewrap(
            WrappedKeyColumns.Column column,
            int batch,
            OpenPgpKeyWrap nextWrap,
            Set<Long> nextKeyIds,
            Counts counts,
            PrintStream progress) {
        String name = column.table() + "." + column.keyColumn();
        long total = jdbc.sql(
                        "SELECT count(*) FROM " + column.table() + " WHERE " + column.keyColumn() + " IS NOT NULL")
                .query(Long.class)
                .single();
        long seen = 0;
        UUID after = null;
        while (true) {
            // The first page has no lower bound: databases order UUIDs differently from Java.
            List<Row> rows = jdbc.sql("SELECT " + column.idColumn() + ", " + column.keyColumn() + " FROM "
                            + column.table() + " WHERE " + column.keyColumn() + " IS NOT NULL"
                            + (after == null ? "" : " AND " + column.idColumn() + " > :after") + " ORDER BY "
                            + column.idColumn() + " LIMIT :batch")
                    .paramSource(after == null ? Map.of("batch", batch) : Map.of("after", after, "batch", batch))
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            for (Row row : rows) {
                rewrapOne(column, row, nextWrap, nextKeyIds, counts);
            }
            seen += rows.size();
            after = rows.get(rows.size() - 1).id();
            progress.printf("%s: %d of %d%n", name, seen, Math.max(seen, total));
            progress.flush();
        }
    }

    private void rewrapOne(
            WrappedKeyColumns.Column column, Row row, OpenPgpKeyWrap nextWrap, Set<Long> nextKeyIds, Counts counts) {
        if (nextKeyIds.containsAll(recipients(row.key()))) {
            counts.alreadyDone++;
            return;
        }
        byte[] dataKey;
        try {
            dataKey = currentWrap.unwrap(new WrappedKey(row.key()), column.table() + "/" + row.id());
        } catch (TamperedCiphertextException e) {
            counts.failed++;
            return;
        }
        try {
            byte[] rewrapped = nextWrap.wrap(dataKey).packet();
            jdbc.sql("UPDATE " + column.table() + " SET " + column.keyColumn() + " = ? WHERE " + column.idColumn()
                            + " = ? AND " + column.keyColumn() + " = ?")
                    .param(rewrapped)
                    .param(row.id())
                    .param(row.key())
                    .update();
            counts.rewrapped++;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static Set<Long> recipients(byte[] packet) {
        Set<Long> ids = new HashSet<>();
        try {
            if (new BcPGPObjectFactory(packet).nextObject() instanceof PGPEncryptedDataList list) {
                for (PGPEncryptedData data : list) {
                    if (data instanceof PGPPublicKeyEncryptedData pk) {
                        ids.add(pk.getKeyID());
                    }
                }
            }
        } catch (IOException e) {
            // Not a readable packet: it is not wrapped to the new key either.
        }
        if (ids.isEmpty()) {
            ids.add(0L);
        }
        return ids;
    }

    /** The new key takes the current one's place; the current one is kept under retired/. */
    private void swap(Path next) throws IOException {
        Path dir = properties.directory();
        Path retired = Files.createDirectories(dir.resolve(RETIRED_DIRECTORY));
        String old = current.fingerprints().get(0);
        for (String file : List.of(NewsroomKeyring.SECRET_FILE, NewsroomKeyring.PUBLIC_FILE)) {
            if (Files.exists(dir.resolve(file))) {
                Files.move(dir.resolve(file), retired.resolve(old + "." + file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(next.resolve(NewsroomKeyring.SECRET_FILE), dir.resolve(NewsroomKeyring.SECRET_FILE));
        Files.move(next.resolve(NewsroomKeyring.PUBLIC_FILE), dir.resolve(NewsroomKeyring.PUBLIC_FILE));
        Files.delete(next);
    }

    private record Row(UUID id, byte[] key) {}

    private static final class Counts {
        long rewrapped;
        long alreadyDone;
        long failed;
    }
}
