package org.twimbot.render;

/** A media attachment with the name the post references it by (and the bundle stores it under). */
public record MediaFile(String name, DraftMedia media) {}
