/**
 * OPC UA source of the edge gateway, on Eclipse Milo 1.1.2.
 *
 * <ul>
 *   <li>{@link io.takt.acquisition.opcua.OpcUaSource}: a {@link io.takt.acquisition.source.TagSource} that
 *       subscribes (monitored data items with per-tag sampling interval, queue size and deadband; nothing is
 *       polled), normalises values ({@link io.takt.acquisition.opcua.DataValueConversion}), and reports every
 *       gap — lost session, lost notifications, missed keep-alives, failed subscription transfer — as NO_DATA
 *       for each tag, followed by fresh values from a re-created subscription.</li>
 *   <li>{@link io.takt.acquisition.opcua.OpcUaSourceSettings}: validated settings. Security defaults to
 *       Basic256Sha256 + SignAndEncrypt; policy NONE needs {@code allow-insecure=true} and an anonymous
 *       identity, since credentials never travel unencrypted.</li>
 *   <li>{@link io.takt.acquisition.opcua.OpcUaPki}: the certificate directory ({@code trusted/certs},
 *       {@code issuers/certs}, {@code rejected/}, {@code own/}). Server certificates get every check
 *       (trust, validity, key usage, revocation, host name, application URI); a refused one is copied to
 *       {@code rejected/} and trusted by moving it to {@code trusted/certs/}, without a restart.</li>
 *   <li>{@link io.takt.acquisition.opcua.OpcUaBrowser}: the address-space walk behind
 *       {@code ./takt acquire browse}, printable with {@link io.takt.acquisition.opcua.BrowsedNode#toText()}.</li>
 * </ul>
 */
package io.takt.acquisition.opcua;
