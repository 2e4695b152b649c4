package org.leakdesk.intake.parserchild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.tika.io.TikaInputStream;
import org.leakdesk.intake.parserchild.MetadataScrubber.Result;
import org.leakdesk.intake.parserchild.MetadataScrubber.Scrubbed;
import org.leakdesk.intake.parserchild.MetadataScrubber.Unsupported;

/**
 * PDF: drops the information dictionary, the file identifier, XMP and application data on every
 * object, embedded files, scripts and annotation authors, then writes a whole new file so that
 * earlier revisions (incremental updates) and objects nothing refers to any more are left behind.
 */
final class PdfScrubbing {

    private static final String ENCRYPTED = "it is password-protected or encrypted";
    private static final COSName FILE_ATTACHMENT = COSName.getPDFName("FileAttachment");

    /** Keys removed wherever they occur: metadata streams, private application data, automatic actions. */
    private static final Set<COSName> DROPPED_EVERYWHERE = Set.of(
            COSName.METADATA,
            COSName.getPDFName("PieceInfo"),
            COSName.LAST_MODIFIED,
            COSName.AA,
            COSName.getPDFName("AF"),
            COSName.EF);

    /** Catalog entries that run something on opening, or hold attachments and web-capture provenance. */
    private static final Set<COSName> DROPPED_FROM_CATALOG = Set.of(
            COSName.OPEN_ACTION,
            COSName.getPDFName("Collection"),
            COSName.getPDFName("SpiderInfo"),
            COSName.PERMS,
            COSName.getPDFName("Legal"));

    /** Annotation keys that name or date the person who made it. */
    private static final Set<COSName> ANNOTATION_AUTHORSHIP = Set.of(COSName.T, COSName.M, COSName.CREATION_DATE);

    private PdfScrubbing() {}

    static Result scrub(TikaInputStream document) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(open(document), "", IOUtils.createMemoryOnlyStreamCache())) {
            if (pdf.isEncrypted()) {
                return new Unsupported(ENCRYPTED);
            }
            scrub(pdf);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            // save(), never saveIncremental(): a full rewrite keeps only what the new trailer reaches
            pdf.save(copy);
            return new Scrubbed(copy.toByteArray(), MetadataScrubber.PDF.toString());
        } catch (InvalidPasswordException e) {
            return new Unsupported(ENCRYPTED);
        }
    }

    /** Large documents arrive as a scratch file: read them in place rather than into memory. */
    private static RandomAccessRead open(TikaInputStream document) throws IOException {
        if (document.hasFile()) {
            return new RandomAccessReadBufferedFile(document.getPath());
        }
        return new RandomAccessReadBuffer(document);
    }

    private static void scrub(PDDocument pdf) {
        COSDictionary trailer = pdf.getDocument().getTrailer();
        trailer.removeItem(COSName.INFO);
        // the first half of the ID survives every edit of a file and can match it to another copy
        trailer.removeItem(COSName.ID);
        COSDictionary catalog = pdf.getDocumentCatalog().getCOSObject();
        DROPPED_FROM_CATALOG.forEach(catalog::removeItem);
        COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
        if (names != null) {
            names.removeItem(COSName.EMBEDDED_FILES);
            names.removeItem(COSName.JAVA_SCRIPT);
        }
        everyDictionary(trailer, PdfScrubbing::scrubDictionary);
    }

    private static void scrubDictionary(COSDictionary dictionary) {
        DROPPED_EVERYWHERE.forEach(dictionary::removeItem);
        if (isJavaScript(dictionary.getDictionaryObject(COSName.A))) {
            dictionary.removeItem(COSName.A);
        }
        if (COSName.PAGE.equals(dictionary.getCOSName(COSName.TYPE))) {
            dropFileAttachments(dictionary);
        }
        if (isMarkupAnnotation(dictionary)) {
            ANNOTATION_AUTHORSHIP.forEach(dictionary::removeItem);
        }
    }

    private static boolean isJavaScript(COSBase action) {
        return action instanceof COSDictionary dictionary
                && COSName.JAVA_SCRIPT.equals(dictionary.getCOSName(COSName.S));
    }

    private static void dropFileAttachments(COSDictionary page) {
        COSArray annotations = page.getCOSArray(COSName.ANNOTS);
        if (annotations == null) {
            return;
        }
        COSArray kept = new COSArray();
        for (int i = 0; i < annotations.size(); i++) {
            COSBase annotation = annotations.getObject(i);
            boolean attachment = annotation instanceof COSDictionary dictionary
                    && FILE_ATTACHMENT.equals(dictionary.getCOSName(COSName.SUBTYPE));
            if (!attachment) {
                kept.add(annotations.get(i));
            }
        }
        page.setItem(COSName.ANNOTS, kept);
    }

    /** A widget's /T is its form field's name, which the form needs; on every other annotation it is the author. */
    private static boolean isMarkupAnnotation(COSDictionary dictionary) {
        COSName subtype = dictionary.getCOSName(COSName.SUBTYPE);
        boolean annotation = COSName.ANNOT.equals(dictionary.getCOSName(COSName.TYPE))
                || (subtype != null && dictionary.containsKey(COSName.RECT));
        return annotation && !COSName.WIDGET.equals(subtype);
    }

    /** Visits each dictionary reachable from the trailer once, without recursion (object graphs can be deep). */
    private static void everyDictionary(COSDictionary start, Consumer<COSDictionary> visit) {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> pending = new ArrayDeque<>();
        pending.push(start);
        while (!pending.isEmpty()) {
            COSBase next = pending.pop();
            COSBase object = next instanceof COSObject reference ? reference.getObject() : next;
            if (object == null || !seen.add(object)) {
                continue;
            }
            if (object instanceof COSDictionary dictionary) {
                visit.accept(dictionary);
                dictionary.getValues().forEach(pending::push);
            } else if (object instanceof COSArray array) {
                array.forEach(pending::push);
            }
        }
    }
}
