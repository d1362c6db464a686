package io.takt.acquisition.delivery.buffer;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * The buffer's identity and how far delivery is known to have got, in the file {@code checkpoint}.
 * It lags behind the position Kafka has committed, which is the one delivery resumes from; it
 * decides only which segments may be deleted.
 *
 * @param bufferId      random id given to the directory when it was first used; stored in Kafka
 *                      with each committed position so that a position is never applied to a
 *                      different (say, wiped and recreated) buffer
 * @param ackedPosition every event before this position is delivered
 */
record Checkpoint(String bufferId, long ackedPosition) {

    static final String FILE = "checkpoint";

    private static final String ID = "buffer.id";
    private static final String ACKED = "acked.position";

    /** The directory's checkpoint, or a new identity at position 0 for a new directory. */
    static Checkpoint load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Checkpoint(UUID.randomUUID().toString(), 0);
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        String id = p.getProperty(ID);
        String acked = p.getProperty(ACKED);
        if (id == null || acked == null) {
            throw new IOException("Buffer checkpoint " + file + " lacks " + ID + " or " + ACKED
                    + ": not written by this gateway? Move it away to start the buffer afresh");
        }
        return new Checkpoint(id.trim(), Long.parseLong(acked.trim()));
    }

    void save(Path dir, boolean sync) throws IOException {
        String text = "# Takt edge buffer: delivery resumes from the position committed in Kafka; this one only\n"
                + "# bounds what is kept on disk.\n" + ID + "=" + bufferId + "\n" + ACKED + "=" + ackedPosition + "\n";
        DurableFiles.replace(dir.resolve(FILE), text.getBytes(StandardCharsets.UTF_8), sync);
    }

    Checkpoint at(long position) {
        return new Checkpoint(bufferId, position);
    }
}
