package io.takt.platform.topic;

import java.util.List;

/**
 * What {@link TopicProvisioner#provision} did.
 *
 * @param created  topics it created
 * @param existing topics that were already there and were left alone
 * @param drifts   how existing topics differ from the catalogue: warnings for an operator
 */
public record ProvisioningReport(List<String> created, List<String> existing, List<TopicDrift> drifts) {

    public ProvisioningReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        drifts = List.copyOf(drifts);
    }

    public boolean hasDrift() {
        return !drifts.isEmpty();
    }

    @Override
    public String toString() {
        return "created " + created.size() + " topic(s) " + created + ", " + existing.size()
                + " already existed" + (drifts.isEmpty() ? "" : ", " + drifts.size() + " differ from the catalogue");
    }
}
