package org.leakdesk.intake.parserchild;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ooxml.util.DocumentHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.util.XMLHelper;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.mime.MediaType;
import org.leakdesk.intake.parserchild.MetadataScrubber.Result;
import org.leakdesk.intake.parserchild.MetadataScrubber.Scrubbed;
import org.leakdesk.intake.parserchild.MetadataScrubber.Unsupported;
import org.openxmlformats.schemas.officeDocument.x2006.extendedProperties.CTProperties;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Word, Excel and PowerPoint files (OOXML). Works on the package, not on POI's document models,
 * so that what is not understood is copied as it is rather than rewritten. Clears the core and
 * extended properties, removes custom properties and the thumbnail (a picture of the first page
 * as it once was), and removes comments and their authors from Word and PowerPoint files.
 */
final class OfficeOpenXmlScrubbing {

    private static final String WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /** Parts that hold comments, the people who wrote them, and a Word file's template path. */
    private static final Set<String> AUTHORSHIP_RELATIONSHIPS = Set.of(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
            "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
            "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
            "http://schemas.microsoft.com/office/2011/relationships/people",
            "http://schemas.microsoft.com/office/2018/10/relationships/comments",
            "http://schemas.microsoft.com/office/2018/10/relationships/authors");

    /** Excel ties comments to drawn note shapes that removing the comment part alone would leave dangling. */
    private static final Set<String> SPREADSHEET_COMMENTS = Set.of(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
            "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment");

    private static final List<String> WORD_COMMENT_MARKERS =
            List.of("commentRangeStart", "commentRangeEnd", "commentReference");

    private OfficeOpenXmlScrubbing() {}

    static Result scrub(TikaInputStream document, MediaType type) throws Exception {
        byte[] original = document.readAllBytes();
        requireCentralDirectory(original);
        OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(original));
        try {
            if (type.equals(MetadataScrubber.XLSX) && hasRelationship(pkg, SPREADSHEET_COMMENTS)) {
                return new Unsupported("LeakDesk cannot remove comments from spreadsheets yet");
            }
            clearCoreProperties(pkg.getPackageProperties());
            dropPackageParts(pkg);
            clearExtendedProperties(pkg);
            dropRelatedParts(pkg, AUTHORSHIP_RELATIONSHIPS);
            if (type.equals(MetadataScrubber.DOCX)) {
                scrubWordMarkup(pkg);
            }
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            pkg.save(copy);
            return new Scrubbed(copy.toByteArray(), type.toString());
        } finally {
            // close() would try to write the package back to where it came from; there is nowhere to
            pkg.revert();
        }
    }

    /**
     * POI reads a package entry by entry and silently takes a truncated one; the directory at the
     * end of a ZIP file is missing then, and without it the copy would be a different document.
     */
    private static void requireCentralDirectory(byte[] original) throws IOException {
        try (ZipFile zip = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(original))
                .get()) {
            if (!zip.getEntries().hasMoreElements()) {
                throw new ZipException("no entries");
            }
        }
    }

    private static void clearCoreProperties(PackageProperties core) {
        Optional<String> none = Optional.empty();
        // the title goes too: it is often a working title or a file name that the source chose
        core.setTitleProperty(none);
        core.setSubjectProperty(none);
        core.setCreatorProperty(none);
        core.setLastModifiedByProperty(none);
        core.setKeywordsProperty(none);
        core.setDescriptionProperty(none);
        core.setCategoryProperty(none);
        core.setContentStatusProperty(none);
        core.setIdentifierProperty(none);
        core.setLanguageProperty(none);
        core.setRevisionProperty(none);
        core.setVersionProperty(none);
        core.setCreatedProperty(Optional.empty());
        core.setModifiedProperty(Optional.empty());
        core.setLastPrintedProperty(Optional.empty());
    }

    /** Custom properties are whatever an organisation's templates stamp on a file: remove them whole. */
    private static void dropPackageParts(OPCPackage pkg) {
        for (String type : List.of(PackageRelationshipTypes.CUSTOM_PROPERTIES, PackageRelationshipTypes.THUMBNAIL)) {
            for (PackageRelationship relationship : snapshot(pkg.getRelationshipsByType(type))) {
                if (relationship.getTargetMode() == TargetMode.INTERNAL) {
                    pkg.removePart(pkg.getPart(relationship));
                }
                pkg.removeRelationship(relationship.getId());
            }
        }
    }

    /** Names, places and software; the counts of pages and words stay, as they are visible anyway. */
    private static void clearExtendedProperties(OPCPackage pkg) throws Exception {
        POIXMLProperties properties = new POIXMLProperties(pkg);
        CTProperties extended = properties.getExtendedProperties().getUnderlyingProperties();
        unset(extended::isSetCompany, extended::unsetCompany);
        unset(extended::isSetManager, extended::unsetManager);
        unset(extended::isSetTemplate, extended::unsetTemplate);
        unset(extended::isSetHyperlinkBase, extended::unsetHyperlinkBase);
        unset(extended::isSetApplication, extended::unsetApplication);
        unset(extended::isSetAppVersion, extended::unsetAppVersion);
        unset(extended::isSetTotalTime, extended::unsetTotalTime);
        unset(extended::isSetDigSig, extended::unsetDigSig);
        properties.commit();
    }

    private static void unset(BooleanSupplier isSet, Runnable unset) {
        if (isSet.getAsBoolean()) {
            unset.run();
        }
    }

    private static boolean hasRelationship(OPCPackage pkg, Set<String> types) throws Exception {
        for (PackagePart part : pkg.getParts()) {
            if (part.isRelationshipPart()) {
                continue;
            }
            for (PackageRelationship relationship : part.getRelationships()) {
                if (types.contains(relationship.getRelationshipType())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void dropRelatedParts(OPCPackage pkg, Set<String> types) throws Exception {
        for (PackagePart part : pkg.getParts()) {
            if (part.isRelationshipPart()) {
                continue;
            }
            for (PackageRelationship relationship : snapshot(part.getRelationships())) {
                if (!types.contains(relationship.getRelationshipType())) {
                    continue;
                }
                if (relationship.getTargetMode() == TargetMode.INTERNAL) {
                    pkg.removePart(part.getRelatedPart(relationship));
                }
                part.removeRelationship(relationship.getId());
            }
        }
    }

    /** Relationships can only be removed from a collection that is not being iterated. */
    private static List<PackageRelationship> snapshot(PackageRelationshipCollection relationships) {
        List<PackageRelationship> copy = new ArrayList<>();
        relationships.forEach(copy::add);
        return copy;
    }

    /** Comment anchors, tracked-change authors and editing-session ids in every Word XML part. */
    private static void scrubWordMarkup(OPCPackage pkg) throws Exception {
        for (PackagePart part : pkg.getParts()) {
            String contentType = part.getContentType();
            if (contentType.contains("wordprocessingml") && contentType.endsWith("+xml")) {
                Document xml;
                try (InputStream in = part.getInputStream()) {
                    xml = DocumentHelper.readDocument(in);
                }
                WordMarkup.scrub(xml.getDocumentElement());
                try (OutputStream out = part.getOutputStream()) {
                    XMLHelper.newTransformer().transform(new DOMSource(xml), new StreamResult(out));
                }
            }
        }
    }

    /** The Word markup rules, kept apart from the package walking. */
    private static final class WordMarkup {

        private static void scrub(Element element) {
            if (WORD_NAMESPACE.equals(element.getNamespaceURI())
                    && (WORD_COMMENT_MARKERS.contains(element.getLocalName())
                            || "rsids".equals(element.getLocalName())
                            || "attachedTemplate".equals(element.getLocalName()))) {
                element.getParentNode().removeChild(element);
                return;
            }
            scrubAttributes(element);
            for (Node child = element.getFirstChild(); child != null; ) {
                Node next = child.getNextSibling();
                if (child instanceof Element childElement) {
                    scrub(childElement);
                }
                child = next;
            }
        }

        /** Revision ids tie a file to the editing sessions, and so the computers, that produced it. */
        private static void scrubAttributes(Element element) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = attributes.getLength() - 1; i >= 0; i--) {
                Node attribute = attributes.item(i);
                if (WORD_NAMESPACE.equals(attribute.getNamespaceURI())
                        && attribute.getLocalName().startsWith("rsid")) {
                    element.removeAttributeNode((Attr) attribute);
                }
            }
            if (element.hasAttributeNS(WORD_NAMESPACE, "author")) {
                // required on tracked changes, so emptied rather than removed
                element.getAttributeNodeNS(WORD_NAMESPACE, "author").setValue("");
                element.removeAttributeNS(WORD_NAMESPACE, "date");
                element.removeAttributeNS(WORD_NAMESPACE, "initials");
            }
        }
    }
}
