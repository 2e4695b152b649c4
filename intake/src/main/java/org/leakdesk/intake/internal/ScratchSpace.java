package org.leakdesk.intake.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where parser children may write temporary copies of documents: only a memory-backed file
 * system (tmpfs), because those copies are plaintext. Each child gets a folder of its own,
 * created fresh with mode 0700 (creation fails rather than reuse anything already there, a
 * symbolic link included) and deleted when the child ends.
 */
final class ScratchSpace {

    private static final Set<String> MEMORY_BACKED = Set.of("tmpfs", "ramfs");
    private static final Path DEFAULT_ROOT = Path.of("/dev/shm");
    /** A temporary folder no process can create: parsers that need a file fail instead of writing to disk. */
    static final Path NONE = Path.of("/proc/leakdesk-no-scratch-space");

    private final @Nullable Path root;
    private final SecureRandom random = new SecureRandom();

    private ScratchSpace(@Nullable Path root) {
        this.root = root;
    }

    /**
     * The configured folder, else /dev/shm, if it is memory-backed; else no scratch space.
     *
     * @param configured the newsroom's choice, or null
     */
    static ScratchSpace find(@Nullable Path configured) {
        Path candidate = configured != null ? configured : DEFAULT_ROOT;
        return new ScratchSpace(memoryBacked(candidate) ? candidate : null);
    }

    boolean available() {
        return root != null;
    }

    @Nullable
    Path root() {
        return root;
    }

    /** A new private folder, or {@link #NONE} if there is no memory-backed file system. */
    Path newFolder() throws IOException {
        if (root == null) {
            return NONE;
        }
        byte[] name = new byte[12];
        random.nextBytes(name);
        return Files.createDirectory(
                root.resolve("leakdesk-parser-" + HexFormat.of().formatHex(name)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Deletes a folder made by {@link #newFolder()} and everything in it, never following links. */
    static void delete(Path folder) throws IOException {
        if (folder.equals(NONE) || !Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean memoryBacked(Path folder) {
        return Optional.of(folder)
                .filter(Files::isDirectory)
                .filter(Files::isWritable)
                .map(ScratchSpace::type)
                .filter(MEMORY_BACKED::contains)
                .isPresent();
    }

    private static @Nullable String type(Path folder) {
        try {
            FileStore store = Files.getFileStore(folder);
            return store.type();
        } catch (IOException e) {
            return null;
        }
    }
}
