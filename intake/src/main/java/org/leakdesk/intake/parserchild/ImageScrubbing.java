package org.leakdesk.intake.parserchild;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.mime.MediaType;
import org.leakdesk.intake.parserchild.MetadataScrubber.Result;
import org.leakdesk.intake.parserchild.MetadataScrubber.Scrubbed;
import org.leakdesk.intake.parserchild.MetadataScrubber.Unsupported;

/**
 * JPEG and PNG images: decoded to pixels and encoded anew, so nothing but the pixels survives
 * (EXIF with GPS and camera serials, XMP, IPTC, comments, PNG text chunks, embedded thumbnails).
 * The EXIF orientation is not applied: a copy of a photo that relied on it shows unrotated.
 */
final class ImageScrubbing {

    /** Decoding needs about four bytes a pixel; past this a crafted header could exhaust the child's memory. */
    private static final long MAX_PIXELS = 60_000_000L;

    private static final float JPEG_QUALITY = 0.95f;

    private ImageScrubbing() {}

    static Result scrub(TikaInputStream document, MediaType type) throws IOException {
        String format = type.equals(MetadataScrubber.JPEG) ? "jpeg" : "png";
        try (ImageInputStream in = ImageIO.createImageInputStream(document)) {
            ImageReader reader = reader(in, format);
            try {
                // metadata is neither needed nor wanted: only the pixels are carried over
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return new Unsupported("the image is too large to scrub");
                }
                BufferedImage image = reader.read(0);
                byte[] copy = format.equals("jpeg") ? jpeg(image) : png(image);
                return new Scrubbed(copy, type.toString());
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader reader(ImageInputStream in, String format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (in == null || !readers.hasNext()) {
            throw new IOException("no " + format + " reader");
        }
        return readers.next();
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", copy)) {
            throw new IOException("no png writer");
        }
        return copy.toByteArray();
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(JPEG_QUALITY);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(copy)) {
            writer.setOutput(out);
            // no metadata given: the writer adds only a plain JFIF header
            writer.write(null, new IIOImage(rgb(image), null, null), quality);
        } finally {
            writer.dispose();
        }
        return copy.toByteArray();
    }

    /** The JPEG writer cannot take an alpha channel (or a decoded CMYK raster); draw onto plain RGB. */
    private static BufferedImage rgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }
}
