package io.takt.acquisition.mqtt.sparkplug;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a host application knows of one edge node: whether its session is live, the bdSeq and next
 * seq it expects, and the metrics its births defined (by alias and by name). A metric stays defined
 * exactly while its value is live; on death, a gap or a lost connection its definitions are dropped
 * and their addresses reported as NO_DATA.
 */
final class EdgeNodeView {

    private record MetricKey(String deviceId, String name) {
    }

    private final String groupId;
    private final String edgeNodeId;
    private final Map<MetricKey, BirthMetric> byName = new LinkedHashMap<>();
    private final Map<Long, BirthMetric> byAlias = new HashMap<>();
    private final Set<String> devices = new HashSet<>();
    private boolean online;
    private Long bdSeq;
    private Long expectedSeq;
    private Instant lastRebirthRequest;

    EdgeNodeView(String groupId, String edgeNodeId) {
        this.groupId = groupId;
        this.edgeNodeId = edgeNodeId;
    }

    String groupId() {
        return groupId;
    }

    String edgeNodeId() {
        return edgeNodeId;
    }

    boolean online() {
        return online;
    }

    boolean deviceOnline(String deviceId) {
        return devices.contains(deviceId);
    }

    Long bdSeq() {
        return bdSeq;
    }

    /**
     * Starts a new node session (NBIRTH): forgets every definition and returns them, so that the
     * caller can report those the new birth does not define again.
     */
    List<BirthMetric> beginSession(Long birthBdSeq, Long birthSeq) {
        List<BirthMetric> previous = new ArrayList<>(byName.values());
        clear();
        online = true;
        bdSeq = birthBdSeq;
        expectedSeq = birthSeq == null ? null : next(birthSeq);
        return previous;
    }

    /** Starts a device session (DBIRTH): forgets and returns the device's previous definitions. */
    List<BirthMetric> beginDevice(String deviceId) {
        devices.add(deviceId);
        return dropDevice(deviceId);
    }

    /** Ends a device session (DDEATH): returns its definitions, now dropped. */
    List<BirthMetric> endDevice(String deviceId) {
        devices.remove(deviceId);
        return dropDevice(deviceId);
    }

    /** Ends the node session (NDEATH, gap, connection lost): returns every definition, now dropped. */
    List<BirthMetric> endSession() {
        List<BirthMetric> previous = new ArrayList<>(byName.values());
        clear();
        online = false;
        return previous;
    }

    /** Records a birth metric; a later definition of the same name or alias replaces the earlier one. */
    void define(BirthMetric metric, Long alias) {
        BirthMetric replaced = byName.put(new MetricKey(metric.deviceId(), metric.name()), metric);
        if (replaced != null) {
            byAlias.values().remove(replaced);
        }
        if (alias != null) {
            byAlias.put(alias, metric);
        }
    }

    /** The metric a DATA message refers to, by alias if it has one, else by name; null if unknown. */
    BirthMetric resolve(String deviceId, Long alias, String name) {
        BirthMetric metric = alias != null ? byAlias.get(alias) : byName.get(new MetricKey(deviceId, name));
        return metric != null && Objects.equals(metric.deviceId(), deviceId) ? metric : null;
    }

    /**
     * Checks a message's seq against the one expected and moves the expectation on (0..255, wrapping).
     *
     * @return whether the seq is the expected one (or either is absent)
     */
    boolean acceptSeq(Long seq) {
        if (seq == null) {
            return true;
        }
        boolean expected = expectedSeq == null || expectedSeq.equals(seq);
        expectedSeq = next(seq);
        return expected;
    }

    /** Whether a rebirth may be requested now: none yet, or the last one at least {@code retry} ago. */
    boolean mayRequestRebirth(Instant now, Duration retry) {
        return lastRebirthRequest == null || !now.isBefore(lastRebirthRequest.plus(retry));
    }

    void rebirthRequested(Instant now) {
        lastRebirthRequest = now;
    }

    private List<BirthMetric> dropDevice(String deviceId) {
        List<BirthMetric> dropped = byName.values().stream()
                .filter(m -> deviceId.equals(m.deviceId())).toList();
        dropped.forEach(m -> byName.remove(new MetricKey(deviceId, m.name())));
        byAlias.values().removeIf(m -> deviceId.equals(m.deviceId()));
        return dropped;
    }

    private void clear() {
        byName.clear();
        byAlias.clear();
        devices.clear();
    }

    private static long next(long seq) {
        return (seq + 1) & 0xFF;
    }
}
