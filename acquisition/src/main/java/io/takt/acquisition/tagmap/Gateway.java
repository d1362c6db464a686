package io.takt.acquisition.tagmap;

/**
 * The gateway a tag map configures.
 *
 * @param id   stable id, carried in every event's {@code source.gatewayId}, e.g. {@code gw-press-shop-1}
 * @param site the plant site, part of every topic name
 */
public record Gateway(String id, String site) {
}
