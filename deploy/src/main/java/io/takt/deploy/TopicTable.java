package io.takt.deploy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.takt.platform.config.DurationText;
import io.takt.platform.topic.ExistingTopic;
import io.takt.platform.topic.TopicStatus;

/** Renders {@code takt topics list}: one row per catalogue topic, as the cluster has it. */
final class TopicTable {

    private static final String[] HEADER = {"TOPIC", "KEY", "VALUE", "PARTITIONS", "REPLICAS", "CLEANUP", "RETENTION",
        "STATUS"};

    private TopicTable() {
    }

    static void print(List<TopicStatus> statuses, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        statuses.forEach(s -> rows.add(row(s)));
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        long missing = statuses.stream().filter(s -> !s.exists()).count();
        if (missing > 0) {
            out.println(missing + " topic(s) missing: run 'takt topics create'");
        }
        statuses.forEach(s -> s.drifts().forEach(d -> out.println("warning  " + d)));
        out.flush();
    }

    // retention.ms is set on every topic but only applies where the policy deletes.
    private static String retention(ExistingTopic topic) {
        if (!topic.cleanupPolicy().contains("delete")) {
            return "-";
        }
        return topic.retention().map(DurationText::format).orElse("forever");
    }

    private static String[] row(TopicStatus status) {
        var spec = status.spec();
        if (status.existing().isEmpty()) {
            return new String[] {spec.name(), spec.key(), spec.valueType(), "-", "-", "-", "-", "missing"};
        }
        ExistingTopic topic = status.existing().get();
        return new String[] {spec.name(), spec.key(), spec.valueType(), String.valueOf(topic.partitions()),
            String.valueOf(topic.replicationFactor()), topic.cleanupPolicy(),
            retention(topic),
            status.drifts().isEmpty() ? "ok" : "differs"};
    }
}
