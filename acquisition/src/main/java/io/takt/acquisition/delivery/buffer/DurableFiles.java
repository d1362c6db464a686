package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writing small files so that a crash leaves either the old or the new content, never a mix. */
final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}: write a temporary file, force it, rename it over
     * the old one, force the directory so that the rename itself survives a power cut.
     *
     * @param sync false skips both forces (fsync policy {@code none})
     */
    static void replace(Path file, byte[] content, boolean sync) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (sync) {
                out.force(true);
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (sync) {
            forceDirectory(file.getParent());
        }
    }

    /**
     * Makes the directory's entries (new, renamed or deleted files) durable. Linux allows forcing a
     * directory opened for reading; where the OS refuses, there is nothing more to do.
     */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!isWindows()) {
                throw e;
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
