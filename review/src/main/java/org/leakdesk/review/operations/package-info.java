/** What the operators see: health and metrics on the management port. */
@NullMarked
package org.leakdesk.review.operations;

import org.jspecify.annotations.NullMarked;
