package org.leakdesk.intake.parserchild;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.hpsf.DocumentSummaryInformation;
import org.apache.poi.hpsf.PropertySetFactory;
import org.apache.poi.hpsf.SummaryInformation;
import org.apache.poi.hpsf.WritingNotSupportedException;
import org.apache.poi.hslf.record.CurrentUserAtom;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.mime.MediaType;
import org.leakdesk.intake.parserchild.MetadataScrubber.Result;
import org.leakdesk.intake.parserchild.MetadataScrubber.Scrubbed;

/**
 * Legacy Word, Excel and PowerPoint files (OLE2). Replaces both property sets (title, author,
 * last saved by, dates, company, manager, custom properties) with empty ones, and empties the user
 * name PowerPoint and Excel keep outside them. The document streams themselves are copied as they
 * are: Word's own lists of revision authors and of who saved the file are not touched.
 */
final class OleScrubbing {

    private static final String POWERPOINT_CURRENT_USER = "Current User";

    private OleScrubbing() {}

    static Result scrub(TikaInputStream document, MediaType type) throws IOException, WritingNotSupportedException {
        try (POIFSFileSystem ole = new POIFSFileSystem(document)) {
            DirectoryNode root = ole.getRoot();
            PropertySetFactory.newSummaryInformation().write(root, SummaryInformation.DEFAULT_STREAM_NAME);
            PropertySetFactory.newDocumentSummaryInformation()
                    .write(root, DocumentSummaryInformation.DEFAULT_STREAM_NAME);
            if (type.equals(MetadataScrubber.PPT) && root.hasEntry(POWERPOINT_CURRENT_USER)) {
                CurrentUserAtom currentUser = new CurrentUserAtom(root);
                currentUser.setLastEditUsername("");
                currentUser.writeToFS(ole);
            }
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            if (type.equals(MetadataScrubber.XLS)) {
                writeWorkbookWithoutUser(ole, copy);
            } else {
                ole.writeFilesystem(copy);
            }
            return new Scrubbed(copy.toByteArray(), type.toString());
        }
    }

    /** Excel records the name of whoever last saved the file in the workbook stream itself. */
    private static void writeWorkbookWithoutUser(POIFSFileSystem ole, ByteArrayOutputStream copy) throws IOException {
        try (HSSFWorkbook workbook = new HSSFWorkbook(ole.getRoot(), true)) {
            workbook.getInternalWorkbook().getWriteAccess().setUsername("");
            workbook.write(copy);
        }
    }
}
