package org.leakdesk.intake.internal;

/** A scrubbed copy's details; stored encrypted as JSON. */
record ScrubbedManifest(String mediaType, long size, String sha256) {}
