package org.leakdesk.review.security;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code as a PNG, drawn on the server with ZXing: no script, nothing from elsewhere.
 *
 * <p>Every code is read back before it is served. About one in a hundred otpauth URIs, drawn with
 * the mask pattern the encoder picks, is one that ZXing's own reader cannot find: a newcomer
 * enrolling an authenticator would be stuck at the first step. Such a code is drawn again with
 * the next mask pattern (the same content; the mask only breaks up shapes a reader mistakes for
 * the finder squares) until one reads back.
 */
final class QrCode {

    private static final int SIZE = 264;
    private static final int MASK_PATTERNS = 8;

    private QrCode() {}

    static byte[] png(String text) {
        BufferedImage image = draw(text, -1);
        for (int mask = 0; mask < MASK_PATTERNS && !readsBack(image, text); mask++) {
            image = draw(text, mask);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** @param mask the mask pattern (0-7), or -1 for the encoder's choice */
    private static BufferedImage draw(String text, int mask) {
        Map<EncodeHintType, Object> hints = new HashMap<>();
        // Four modules of quiet zone, as ISO/IEC 18004 asks.
        hints.put(EncodeHintType.MARGIN, 4);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        if (mask >= 0) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot draw a QR code of this text", e);
        }
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        return image;
    }

    private static boolean readsBack(BufferedImage image, String text) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        try {
            return text.equals(new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))))
                    .getText());
        } catch (ReaderException e) {
            return false;
        }
    }
}
