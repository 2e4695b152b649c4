/**
 * Everything about a submission's content: the source interface, streaming upload with
 * encryption on arrival, codenames, and metadata extraction with Apache Tika.
 *
 * <p>This package is the module's public API. {@code internal} holds storage, codenames and
 * extraction; {@code source} holds the source face's pages and API.
 */
@NullMarked
@ApplicationModule(displayName = "Intake", allowedDependencies = "infra")
package org.leakdesk.intake;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
