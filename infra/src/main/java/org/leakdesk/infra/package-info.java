/**
 * Foundations every LeakDesk module uses: envelope encryption and the newsroom keyring, the
 * tamper-evident access log, staff accounts, blob storage and the two web faces (source and
 * staff) served by one process.
 *
 * <p>This package is the module's public API; everything in its sub-packages is internal.
 */
@NullMarked
@ApplicationModule(displayName = "Infra")
package org.leakdesk.infra;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
