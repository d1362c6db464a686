package io.takt.acquisition.delivery;

import java.time.Duration;

/**
 * How the forwarder batches and retries; fixed for the product, varied by tests.
 *
 * @param maxBatchEvents  most events per Kafka transaction
 * @param maxBatchBytes   about the most value bytes per transaction
 * @param pollTimeout     how long the forwarder waits for new events before looking round (e.g. for close)
 * @param backoffInitial  first pause after a failure to reach Kafka or the registry
 * @param backoffMax      longest pause between attempts
 * @param kafkaTimeout    how long one Kafka call may block (max.block.ms, request timeouts) before it
 *                        counts as a failure
 */
record ForwarderTuning(int maxBatchEvents, long maxBatchBytes, Duration pollTimeout, Duration backoffInitial,
                       Duration backoffMax, Duration kafkaTimeout) {

    /**
     * 2,000 events or 4 MiB per transaction (a drain after an outage commits ~50 times for 100,000
     * events); retries from 100 ms doubling to 5 s; Kafka calls time out after 10 s.
     */
    static final ForwarderTuning DEFAULT = new ForwarderTuning(2000, 4L << 20, Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));
}
