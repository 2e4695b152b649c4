package org.leakdesk.intake.internal;

import org.jspecify.annotations.Nullable;

/** A document's details as the source sent them; stored encrypted as JSON. */
record Manifest(String fileName, @Nullable String declaredType, long size, String sha256) {}
