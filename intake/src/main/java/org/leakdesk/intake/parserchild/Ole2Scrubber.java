package org.leakdesk.intake.parserchild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.hpsf.DocumentSummaryInformation;
import org.apache.poi.hpsf.SummaryInformation;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Legacy .doc, .xls and .ppt: their document properties (authors, company, dates, custom
 * properties) live in two property-set streams, which are removed; the content streams are left
 * as they are.
 */
final class Ole2Scrubber {

    private static final List<String> PROPERTY_SETS =
            List.of(SummaryInformation.DEFAULT_STREAM_NAME, DocumentSummaryInformation.DEFAULT_STREAM_NAME);

    private Ole2Scrubber() {}

    static MetadataScrubber.Result scrub(byte[] original, String type) throws IOException {
        try (POIFSFileSystem file = new POIFSFileSystem(MetadataScrubber.in(original))) {
            DirectoryEntry root = file.getRoot();
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                return new MetadataScrubber.Unsupported("the document is password-protected");
            }
            for (String name : PROPERTY_SETS) {
                if (root.hasEntry(name)) {
                    root.getEntry(name).delete();
                }
            }
            ByteArrayOutputStream copy = MetadataScrubber.out(original.length);
            file.writeFilesystem(copy);
            return new MetadataScrubber.Scrubbed(copy.toByteArray(), type);
        }
    }
}
