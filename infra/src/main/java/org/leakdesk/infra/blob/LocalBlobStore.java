package org.leakdesk.infra.blob;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs in a directory on local disk, fanned out by the first two hex digits of their id. A blob
 * is written to {@code incoming/<id>.part}, synced, renamed into place and the directory synced,
 * so a committed blob survives a crash and an uncommitted one never appears under its name. Where
 * the file system allows, blobs are written with direct I/O ({@link DirectFileOutput}); elsewhere
 * through the page cache, a large blob synced in stretches while it is written ({@link EarlySync}).
 */
final class LocalBlobStore implements BlobStore {

    /** How much of a blob is written before a sync of it starts in the background (without direct I/O). */
    static final long EARLY_SYNC_BYTES = 32L << 20;
    /** Each of a blob's two direct I/O buffers. */
    static final int DIRECT_BUFFER_BYTES = 4 << 20;
    /** Idle direct I/O buffers kept for the next blobs. */
    private static final int DIRECT_BUFFERS_KEPT = 32;

    private static final Logger log = LoggerFactory.getLogger(LocalBlobStore.class);

    private final Path root;
    private final Path incoming;
    private final ExecutorService io = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "leakdesk-blob-io");
        thread.setDaemon(true);
        return thread;
    });
    /** The file system's block size when it takes direct I/O, else 0. */
    private final int directBlockSize;

    private final Queue<ByteBuffer> idleBuffers = new ConcurrentLinkedQueue<>();

    LocalBlobStore(Path root) throws IOException {
        this(root, true);
    }

    /** {@code directIo}: write blobs with direct I/O where the file system allows it. */
    LocalBlobStore(Path root, boolean directIo) throws IOException {
        this.root = root;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
        this.directBlockSize = directIo ? directBlockSize(incoming) : 0;
    }

    /** Whether blobs are written with direct I/O here. */
    boolean writesDirect() {
        return directBlockSize > 0;
    }

    @Override
    public PendingBlob create() throws IOException {
        BlobId id = new BlobId(UUID.randomUUID());
        Path temp = incoming.resolve(id + ".part");
        if (writesDirect()) {
            FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            return new LocalPendingBlob(
                    id,
                    temp,
                    channel,
                    new DirectFileOutput(channel, directBlockSize, io, new DirectFileOutput.Buffers() {
                        @Override
                        public ByteBuffer take() {
                            ByteBuffer idle = idleBuffers.poll();
                            return idle != null ? idle.clear() : alignedBuffer();
                        }

                        @Override
                        public void giveBack(ByteBuffer buffer) {
                            if (idleBuffers.size() < DIRECT_BUFFERS_KEPT) {
                                idleBuffers.add(buffer);
                            }
                        }
                    }));
        }
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new LocalPendingBlob(id, temp, channel, null);
    }

    private ByteBuffer alignedBuffer() {
        return ByteBuffer.allocateDirect(DIRECT_BUFFER_BYTES + directBlockSize)
                .alignedSlice(directBlockSize)
                .limit(DIRECT_BUFFER_BYTES)
                .slice();
    }

    /**
     * The block size if a file in {@code dir} can be written with direct I/O (a tmpfs, say, cannot
     * on older kernels), else 0: then blobs go through the page cache, synced in stretches.
     */
    private static int directBlockSize(Path dir) {
        Path probe = dir.resolve("direct-io-probe-" + UUID.randomUUID());
        try {
            int blockSize = Math.toIntExact(Files.getFileStore(dir).getBlockSize());
            if (blockSize <= 0 || DIRECT_BUFFER_BYTES % blockSize != 0) {
                return 0;
            }
            try (FileChannel channel = FileChannel.open(
                    probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
                ByteBuffer block = ByteBuffer.allocateDirect(2 * blockSize).alignedSlice(blockSize);
                block.limit(blockSize);
                channel.write(block, 0);
            }
            return blockSize;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            log.info("Blobs in {} are written through the page cache: no direct I/O there ({})", dir, e.toString());
            return 0;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                log.warn("Could not remove {}", probe, e);
            }
        }
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
        private final @Nullable DirectFileOutput direct;
        /** Only without direct I/O, where the page cache holds what is written until it is synced. */
        private final @Nullable EarlySync sync;

        private final OutputStream stream;
        private boolean committed;

        LocalPendingBlob(BlobId id, Path temp, FileChannel channel, @Nullable DirectFileOutput direct) {
            this.id = id;
            this.temp = temp;
            this.channel = channel;
            this.direct = direct;
            if (direct != null) {
                this.sync = null;
                this.stream = direct;
            } else {
                this.sync = new EarlySync(channel, io, EARLY_SYNC_BYTES);
                // Closing the caller's stream (e.g. an encrypting stream) must not close the channel before commit.
                this.stream = new BufferedOutputStream(
                        Channels.newOutputStream(new UnclosableChannel(channel, sync)), 1 << 16);
            }
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
            long size;
            if (direct != null) {
                try {
                    size = direct.finish();
                } finally {
                    direct.release();
                }
            } else {
                stream.flush();
                Objects.requireNonNull(sync).settle();
                size = channel.size();
            }
            channel.force(true);
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
                if (direct != null) {
                    direct.release();
                } else {
                    Objects.requireNonNull(sync).settle();
                }
                channel.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
