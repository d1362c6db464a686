package io.takt.acquisition.opcua;

import io.takt.acquisition.source.ConnectionState;
import io.takt.acquisition.source.SampleQuality;
import io.takt.acquisition.source.TagListener;
import io.takt.acquisition.source.TagSample;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Keeps every sample and connection change a source reports, in arrival order. */
final class RecordingListener implements TagListener {

    private final List<TagSample> samples = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<String> details = new CopyOnWriteArrayList<>();

    @Override
    public void onSample(TagSample sample) {
        samples.add(sample);
    }

    @Override
    public void onConnection(String sourceId, ConnectionState state, String detail) {
        states.add(state);
        details.add(detail);
    }

    List<TagSample> samples() {
        return List.copyOf(samples);
    }

    List<TagSample> samplesOf(String address) {
        return samples.stream().filter(s -> s.address().equals(address)).collect(Collectors.toList());
    }

    Optional<TagSample> last(String address) {
        List<TagSample> of = samplesOf(address);
        return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
    }

    /** The qualities of one tag's samples, in order, e.g. [GOOD, NO_DATA, GOOD]. */
    List<SampleQuality> qualitiesOf(String address) {
        return samplesOf(address).stream().map(TagSample::quality).collect(Collectors.toList());
    }

    List<ConnectionState> states() {
        return List.copyOf(states);
    }
}
