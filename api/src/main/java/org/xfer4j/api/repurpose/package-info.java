/**
 * Repurposers: providers that turn a source model and a small labelled target dataset into a target model.
 * Two shapes share one service: feature repurposers train a meta-model on extracted features (the host extracts
 * and caches features, so the provider only sees a matrix); graph repurposers edit and train the graph itself.
 */
package org.xfer4j.api.repurpose;
