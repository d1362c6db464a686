/** Live OEE, downtime and loss KPIs from machine state and counts, per ISO 22400-2. */
package io.takt.oee;
