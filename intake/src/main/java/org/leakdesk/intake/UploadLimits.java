package org.leakdesk.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one submission may hold ({@code leakdesk.intake.*}). Every limit is enforced while the
 * request streams in, so a request that breaks one is refused before it is read to its end.
 *
 * @param maxFiles files per submission
 * @param maxFileSize size of one file
 * @param maxUploadSize size of a whole submission: the entire request body, every part and its
 *     headers included
 * @param maxMessageLength characters in the source's message
 * @param maxParts parts of any kind in one request (files, the message, fields LeakDesk does not
 *     know); at least {@code maxFiles + 1}
 * @param maxFieldSize size of one part that is neither a file nor the message (such parts are
 *     read and thrown away, never stored)
 */
@ConfigurationProperties("leakdesk.intake")
public record UploadLimits(
        int maxFiles,
        DataSize maxFileSize,
        DataSize maxUploadSize,
        int maxMessageLength,
        int maxParts,
        DataSize maxFieldSize) {

    @ConstructorBinding
    public UploadLimits(
            @DefaultValue("20") int maxFiles,
            @DefaultValue("2GB") DataSize maxFileSize,
            @DefaultValue("4GB") DataSize maxUploadSize,
            @DefaultValue("100000") int maxMessageLength,
            @DefaultValue("64") int maxParts,
            @DefaultValue("64KB") DataSize maxFieldSize) {
        if (maxFiles < 1) {
            throw new IllegalArgumentException("leakdesk.intake.max-files must be at least 1");
        }
        if (maxMessageLength < 0) {
            throw new IllegalArgumentException("leakdesk.intake.max-message-length cannot be negative");
        }
        if (maxParts < maxFiles + 1) {
            throw new IllegalArgumentException(
                    "leakdesk.intake.max-parts must be at least max-files + 1 (the message), here " + (maxFiles + 1));
        }
        this.maxFiles = maxFiles;
        this.maxFileSize = maxFileSize;
        this.maxUploadSize = maxUploadSize;
        this.maxMessageLength = maxMessageLength;
        this.maxParts = maxParts;
        this.maxFieldSize = maxFieldSize;
    }

    /** The first four limits; parts and other fields get their defaults. */
    public UploadLimits(int maxFiles, DataSize maxFileSize, DataSize maxUploadSize, int maxMessageLength) {
        this(
                maxFiles,
                maxFileSize,
                maxUploadSize,
                maxMessageLength,
                Math.max(64, maxFiles + 1),
                DataSize.ofKilobytes(64));
    }

    /** The size of one file as a source reads it, e.g. "2 GB". */
    public String fileSizeText() {
        return readable(maxFileSize);
    }

    /** The size of a whole submission as a source reads it, e.g. "4 GB". */
    public String uploadSizeText() {
        return readable(maxUploadSize);
    }

    /** A size in the largest binary unit that divides it, e.g. "500 MB", "2 GB", "1536 KB". */
    public static String readable(DataSize size) {
        long bytes = size.toBytes();
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + " " + units[unit];
    }
}
