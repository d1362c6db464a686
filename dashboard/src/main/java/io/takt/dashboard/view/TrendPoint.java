package io.takt.dashboard.view;

/** One window of an equipment's OEE trend: the window's start (epoch ms) and its OEE, null when it had none. */
public record TrendPoint(long start, Double oee) {
}
