package org.leakdesk.infra.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;

/**
 * Blobs in a directory on local disk, fanned out by the first two hex digits of their id. A blob
 * is written to {@code incoming/<id>.part}, synced, renamed into place and the directory synced,
 * so a committed blob survives a crash and an uncommitted one never appears under its name. A
 * large blob is synced in stretches while it is written ({@link EarlySync}).
 */
final class LocalBlobStore implements BlobStore {

    /** How much of a blob is written before a sync of it starts in the background. */
    static final long EARLY_SYNC_BYTES = 32L << 20;

    private final Path root;
    private final Path incoming;
    private final ExecutorService syncs = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "leakdesk-blob-sync");
        thread.setDaemon(true);
        return thread;
    });

    LocalBlobStore(Path root) throws IOException {
        this.root = root;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public PendingBlob create() throws IOException {
        BlobId id = new BlobId(UUID.randomUUID());
        Path temp = incoming.resolve(id + ".part");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new LocalPendingBlob(id, temp, channel);
    }

    @Override
    public InputStream open(BlobId id) throws IOException {
        Path path = pathOf(id);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException("No blob " + id);
        }
        return Files.newInputStream(path);
    }

    @Override
    public void delete(BlobId id) throws IOException {
        Files.deleteIfExists(pathOf(id));
    }

    @Override
    public boolean exists(BlobId id) {
        return Files.isRegularFile(pathOf(id));
    }

    @Override
    public Stream<BlobId> committedBefore(Instant cutoff) throws IOException {
        FileTime before = FileTime.from(cutoff);
        return Files.find(
                        root,
                        2,
                        (path, attributes) -> attributes.isRegularFile()
                                && attributes.lastModifiedTime().compareTo(before) < 0
                                && isBlobName(path))
                .map(path -> new BlobId(UUID.fromString(path.getFileName().toString())));
    }

    @Override
    public int deleteUncommittedBefore(Instant cutoff) throws IOException {
        FileTime before = FileTime.from(cutoff);
        int deleted = 0;
        try (Stream<Path> parts = Files.list(incoming)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .toList()) {
                if (Files.getLastModifiedTime(part).compareTo(before) < 0 && Files.deleteIfExists(part)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    @Override
    public void touch(BlobId id) throws IOException {
        try {
            Files.setLastModifiedTime(pathOf(id), FileTime.from(Instant.now()));
        } catch (NoSuchFileException gone) {
            // Nothing to keep alive.
        }
    }

    /** A committed blob: {@code <xx>/<uuid>} where xx is the uuid's first two digits. */
    private boolean isBlobName(Path path) {
        String name = path.getFileName().toString();
        Path parent = path.getParent();
        if (parent == null || !root.equals(parent.getParent()) || name.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(name).toString().equals(name)
                    && parent.getFileName().toString().equals(name.substring(0, 2));
        } catch (IllegalArgumentException notABlob) {
            return false;
        }
    }

    Path pathOf(BlobId id) {
        String name = id.toString();
        return root.resolve(name.substring(0, 2)).resolve(name);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private final class LocalPendingBlob implements PendingBlob {

        private final BlobId id;
        private final Path temp;
        private final FileChannel channel;
        private final EarlySync sync;
        private final OutputStream stream;
        private boolean committed;

        LocalPendingBlob(BlobId id, Path temp, FileChannel channel) {
            this.id = id;
            this.temp = temp;
            this.channel = channel;
            this.sync = new EarlySync(channel, syncs, EARLY_SYNC_BYTES);
            // Closing the caller's stream (e.g. an encrypting stream) must not close the channel before commit.
            this.stream =
                    new BufferedOutputStream(Channels.newOutputStream(new UnclosableChannel(channel, sync)), 1 << 16);
        }

        @Override
        public BlobId id() {
            return id;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public long commit() throws IOException {
            stream.flush();
            sync.settle();
            channel.force(true);
            long size = channel.size();
            channel.close();
            Path target = pathOf(id);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
            committed = true;
            return size;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                sync.settle();
                channel.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
