package org.leakdesk.infra.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the staff face listens. The source face uses {@code server.port} and {@code
 * server.address}.
 *
 * @param port the staff port; 0 picks a free one (tests)
 * @param address the address to bind, or null for all addresses
 */
@ConfigurationProperties("leakdesk.staff")
record StaffFaceProperties(int port, @Nullable String address) {}
