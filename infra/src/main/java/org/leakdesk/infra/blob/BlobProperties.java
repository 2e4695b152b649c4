package org.leakdesk.infra.blob;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param directory where committed blobs live; temporary files go to its {@code incoming/} folder */
@ConfigurationProperties("leakdesk.blobs")
record BlobProperties(Path directory) {}
