package io.takt.dashboard.view;

/**
 * One reason's bar of the downtime Pareto: its stops' summed duration, how many there were, and the
 * cumulative share of all downtime up to and including this bar (0..1), which the Pareto line draws.
 */
public record ParetoBar(String reason, long durationMillis, int stops, double cumulativeShare) {
}
