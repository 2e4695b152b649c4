package org.leakdesk.intake.parserchild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationPopup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;

/**
 * A PDF without its information dictionary, XMP streams, attachments, scripts, comments and
 * earlier revisions: PDFBox writes a whole new file, so incremental updates do not survive.
 */
final class PdfScrubber {

    private static final COSName PIECE_INFO = COSName.getPDFName("PieceInfo");

    private PdfScrubber() {}

    static MetadataScrubber.Result scrub(byte[] original, String type) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(original)) {
            if (pdf.isEncrypted()) {
                return new MetadataScrubber.Unsupported(
                        "the PDF is encrypted; decrypt it on the air-gapped machine first");
            }
            pdf.getDocument().getTrailer().removeItem(COSName.INFO);
            scrubCatalog(pdf.getDocumentCatalog());
            for (PDPage page : pdf.getPages()) {
                scrubPage(page);
            }
            ByteArrayOutputStream copy = MetadataScrubber.out(original.length);
            pdf.save(copy);
            return new MetadataScrubber.Scrubbed(copy.toByteArray(), type);
        }
    }

    private static void scrubCatalog(PDDocumentCatalog catalog) {
        catalog.setMetadata(null);
        catalog.setOpenAction(null);
        catalog.getCOSObject().removeItem(COSName.AA);
        catalog.getCOSObject().removeItem(PIECE_INFO);
        PDDocumentNameDictionary names = catalog.getNames();
        if (names != null) {
            names.setEmbeddedFiles(null);
            names.setJavascript(null);
        }
    }

    /** Comments and attachments go; every other annotation keeps its look but loses its author. */
    private static void scrubPage(PDPage page) throws IOException {
        page.setMetadata(null);
        page.getCOSObject().removeItem(PIECE_INFO);
        page.getCOSObject().removeItem(COSName.AA);
        List<PDAnnotation> kept = new ArrayList<>();
        for (PDAnnotation annotation : page.getAnnotations()) {
            if (annotation instanceof PDAnnotationText
                    || annotation instanceof PDAnnotationPopup
                    || annotation instanceof PDAnnotationFileAttachment) {
                continue;
            }
            annotation.getCOSObject().removeItem(COSName.T);
            annotation.getCOSObject().removeItem(COSName.M);
            kept.add(annotation);
        }
        page.setAnnotations(kept);
    }
}
