package io.takt.acquisition.delivery.buffer;

/** When the buffer forces appended events to disk before {@link DiskBuffer#append} returns. */
public enum FsyncPolicy {

    /** One fsync per append call (appenders racing each other may share one): the slowest and safest. */
    EVERY_RECORD,

    /**
     * Group commit: a flusher forces everything appended so far, at most once per fsync interval
     * (default 0: again as soon as the last fsync is done), and each append waits until its event
     * is on disk. Concurrent appenders share one fsync.
     */
    EVERY_BATCH,

    /**
     * Never forced: the OS writes the page cache back when it likes. Survives the gateway being
     * killed, NOT a power cut or kernel crash, which lose the last seconds of acknowledged events.
     * Unsafe; for disks that cannot take the write rate, or for tests.
     */
    NONE
}
