package io.takt.genealogy.topology;

import io.takt.schemas.GenealogyEdge;

/** What linking a station's movements yields: an edge (or its withdrawal), or a fact of a lot. */
sealed interface StationOutput permits StationOutput.EdgeChange, LotEvent {

    /** An edge of the lot graph under its key {@code child|parent}; null edge: withdrawn. */
    record EdgeChange(GenealogyEdge edge) implements StationOutput {
    }
}
