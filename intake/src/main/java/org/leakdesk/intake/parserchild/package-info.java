/**
 * The parser child: a small program the web JVM starts in its own JVM to run Apache Tika (and
 * the scrubbers) on one document at a time, with no key, no database connection and no network.
 * Nothing outside this package may load these classes; the parent names the main class only.
 */
@NullMarked
package org.leakdesk.intake.parserchild;

import org.jspecify.annotations.NullMarked;
