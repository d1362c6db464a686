package io.takt.acquisition.mqtt.sparkplug;

/**
 * A metric as a birth certificate defined it, with the tag address Takt gives it.
 *
 * @param deviceId the device, or null for a node-level metric
 * @param name     the metric name
 * @param dataType the type the birth declared, used to read DATA values that omit it
 * @param address  the tag address, see {@link SparkplugAddress}
 */
record BirthMetric(String deviceId, String name, SparkplugDataType dataType, String address) {
}
