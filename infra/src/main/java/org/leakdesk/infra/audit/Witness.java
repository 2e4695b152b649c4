package org.leakdesk.infra.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The witness directory, outside the database: one file per signed checkpoint and {@code
 * leaves}, the Merkle leaf hash of every checkpointed entry (32 bytes each, in sequence order).
 * The leaves are trusted only as far as a signed root proves them; they let the verifier name the
 * exact entry a rewrite changed, not only the checkpoint it broke.
 */
final class Witness {

    static final int HASH = 32;
    private static final String PREFIX = "checkpoint-";

    private final Path directory;

    Witness(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    static final String PUBLIC_KEY = "checkpoint-key.pub";

    /** Leaves the checkpoint key's public half beside the checkpoints, for auditors' offline checks. */
    void publish(CheckpointPublicKey key) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(PUBLIC_KEY);
            if (!Files.exists(file)
                    || !Files.readString(file, StandardCharsets.UTF_8).equals(key.text())) {
                Files.writeString(file, key.text(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint key's public half to " + directory, e);
        }
    }

    /** Writes leaf hashes from position {@code from} on (idempotent: a retry overwrites the same bytes). */
    void writeLeaves(long from, List<byte[]> leaves) {
        try {
            Files.createDirectories(directory);
            try (FileChannel out = FileChannel.open(
                    directory.resolve("leaves"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.allocate(leaves.size() * HASH);
                leaves.forEach(buffer::put);
                buffer.flip();
                long position = from * HASH;
                while (buffer.hasRemaining()) {
                    position += out.write(buffer, position);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the witness's leaves in " + directory, e);
        }
    }

    /** The first {@code count} leaf hashes, or as many as the file holds. */
    byte[] leaves(long count) {
        Path file = directory.resolve("leaves");
        try {
            if (!Files.exists(file)) {
                return new byte[0];
            }
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long bytes = Math.min(in.size() / HASH, count) * HASH;
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes));
                while (buffer.hasRemaining() && in.read(buffer) >= 0) {}
                return buffer.array();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the witness's leaves in " + directory, e);
        }
    }

    /** Writes a checkpoint file: temp file, fsync, rename, fsync of the folder, so it is whole or absent. */
    void write(Checkpoint checkpoint) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(String.format("%s%012d.txt", PREFIX, checkpoint.size()));
            Path temp = directory.resolve(target.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(checkpoint.text().getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
                folder.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a checkpoint to " + directory, e);
        }
    }

    /** Every checkpoint, smallest first; a file that is not a checkpoint is an error naming it. */
    List<Checkpoint> checkpoints() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Witness::isCheckpoint).toList()) {
                checkpoints.add(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the checkpoints in " + directory, e);
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::size));
        return checkpoints;
    }

    private static boolean isCheckpoint(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".txt");
    }

    private static Checkpoint read(Path file) throws IOException {
        try {
            return Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalStateException("The checkpoint file " + file.getFileName() + " is damaged", e);
        }
    }
}
