/** Material genealogy: lot graph, forward and backward trace, electronic batch record. */
package io.takt.genealogy;
