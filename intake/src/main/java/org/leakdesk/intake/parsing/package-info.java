/**
 * What the web JVM and a parser child say to each other over the child's standard input and
 * output: requests carrying one document's bytes, and replies carrying what was found. Nothing
 * here loads Tika, so the parent can use it without ever running a parser.
 */
@NullMarked
package org.leakdesk.intake.parsing;

import org.jspecify.annotations.NullMarked;
