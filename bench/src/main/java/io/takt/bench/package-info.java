/** Benchmarks over the real services: throughput, latency percentiles, memory, ratio to a baseline. */
package io.takt.bench;
