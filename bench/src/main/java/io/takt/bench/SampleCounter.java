package io.takt.bench;

import java.util.concurrent.atomic.AtomicLong;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;

/**
 * The baseline's listener: counts what a source delivers and times one sample in
 * {@value DeliveredEvents#TIMED_EVERY} from the simulator's change, as the gateway run does at
 * its consumer; nothing else.
 */
final class SampleCounter implements TagListener {

    private final AtomicLong samples = new AtomicLong();
    private final ChangeAge age;

    SampleCounter(ChangeAge age) {
        this.age = age;
    }

    @Override
    public void onSample(TagSample sample) {
        if (samples.incrementAndGet() % DeliveredEvents.TIMED_EVERY == 0 && sample.sourceTime() != null) {
            age.record(sample.sourceTime());
        }
    }

    @Override
    public void onConnection(String sourceId, ConnectionState state, String detail) {
        // The benchmark watches the source's status instead.
    }

    long samples() {
        return samples.get();
    }
}
