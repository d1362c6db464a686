package io.takt.acquisition.mqtt;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every sample and connection change a source delivers, for assertions. */
public final class RecordingListener implements TagListener {

    private final List<TagSample> samples = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @Override
    public void onSample(TagSample sample) {
        samples.add(sample);
    }

    @Override
    public void onConnection(String sourceId, ConnectionState state, String detail) {
        states.add(state);
    }

    public List<TagSample> samples() {
        return List.copyOf(samples);
    }

    public List<ConnectionState> states() {
        return List.copyOf(states);
    }

    /** The latest sample of {@code address}, if any. */
    public Optional<TagSample> latest(String address) {
        List<TagSample> all = samples();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).address().equals(address)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The latest value of {@code address}; null when its latest sample is NO_DATA or there is none. */
    public Object value(String address) {
        return latest(address).map(TagSample::value).orElse(null);
    }

    /** Whether the latest sample of {@code address} is NO_DATA. */
    public boolean noData(String address) {
        return latest(address).map(s -> s.quality() == SampleQuality.NO_DATA).orElse(false);
    }

    /** Samples of {@code address} in arrival order. */
    public List<TagSample> of(String address) {
        return samples().stream().filter(s -> s.address().equals(address)).toList();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        samples.clear();
        states.clear();
    }
}
