package org.leakdesk.intake.parserchild;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG and PNG: decoded and written anew, so only pixels survive (no EXIF, GPS, XMP, IPTC,
 * comments or text chunks). A JPEG is re-encoded at high quality; a PNG is lossless.
 */
final class ImageScrubber {

    private static final float JPEG_QUALITY = 0.95f;

    private ImageScrubber() {}

    static MetadataScrubber.Result scrub(byte[] original, String format, String type) throws IOException {
        BufferedImage image = ImageIO.read(MetadataScrubber.in(original));
        if (image == null) {
            return new MetadataScrubber.Unsupported("the image could not be decoded");
        }
        ByteArrayOutputStream copy = MetadataScrubber.out(original.length);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            return new MetadataScrubber.Unsupported("no " + format + " writer is available");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(copy)) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata object: the writer emits only what the format requires.
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return new MetadataScrubber.Scrubbed(copy.toByteArray(), type);
    }
}
