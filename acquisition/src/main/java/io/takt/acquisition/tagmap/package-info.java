/**
 * The gateway's tag map: a YAML file naming the gateway, its equipment (ISA-95 place), its sources
 * (each with a raw {@code connection:} map its type validates through a
 * {@link io.takt.acquisition.tagmap.ConnectionCheck}) and its tags (source, address, equipment, role
 * and role options). {@link io.takt.acquisition.tagmap.TagMap#load} reads it through SnakeYAML's
 * composer to keep line numbers and reports every problem at once as
 * {@code file line N, key.path: what is wrong (allowed: ...); did you mean '...'?}.
 */
package io.takt.acquisition.tagmap;
