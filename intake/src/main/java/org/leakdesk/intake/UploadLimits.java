package org.leakdesk.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one submission may hold ({@code leakdesk.intake.*}).
 *
 * @param maxFiles files per submission
 * @param maxFileSize size of one file
 * @param maxUploadSize size of a whole submission
 * @param maxMessageLength characters in the source's message
 */
@ConfigurationProperties("leakdesk.intake")
public record UploadLimits(
        @DefaultValue("20") int maxFiles,
        @DefaultValue("500MB") DataSize maxFileSize,
        @DefaultValue("1GB") DataSize maxUploadSize,
        @DefaultValue("100000") int maxMessageLength) {}
