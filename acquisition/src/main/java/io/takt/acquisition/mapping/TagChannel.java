package io.takt.acquisition.mapping;

import io.takt.acquisition.source.TagSample;

/** Gives the samples of one tag their meaning; called under its equipment's lock. */
interface TagChannel {

    EquipmentContext context();

    void accept(TagSample sample);
}
