package org.leakdesk.intake.parserchild;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.internal.PackagePropertiesPart;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Office Open XML (.docx, .xlsx, .pptx): core properties emptied; extended properties (company,
 * manager, template, application), custom properties and the thumbnail removed; and the names of
 * people in comments, tracked changes and comment author lists blanked. Body content is not
 * touched.
 */
final class OoxmlScrubber {

    private static final Set<String> PACKAGE_METADATA = Set.of(
            PackageRelationshipTypes.EXTENDED_PROPERTIES,
            PackageRelationshipTypes.CUSTOM_PROPERTIES,
            PackageRelationshipTypes.THUMBNAIL);

    /** Attributes (by local name) and elements that carry a person's name or account. */
    private static final Set<String> PERSON_ATTRIBUTES = Set.of("author", "initials", "userId", "providerId");

    private OoxmlScrubber() {}

    static MetadataScrubber.Result scrub(byte[] original, String type) throws Exception {
        OPCPackage pkg = OPCPackage.open(MetadataScrubber.in(original));
        try {
            emptyCoreProperties((PackagePropertiesPart) pkg.getPackageProperties());
            removePackageMetadata(pkg);
            for (PackagePart part : pkg.getParts()) {
                if (namesPeople(part.getContentType())) {
                    blankPeople(part);
                }
            }
            ByteArrayOutputStream copy = MetadataScrubber.out(original.length);
            pkg.save(copy);
            return new MetadataScrubber.Scrubbed(copy.toByteArray(), type);
        } finally {
            pkg.revert();
        }
    }

    private static void emptyCoreProperties(PackagePropertiesPart core) {
        core.setCategoryProperty(Optional.<String>empty());
        core.setContentStatusProperty(Optional.<String>empty());
        core.setContentTypeProperty(Optional.<String>empty());
        core.setCreatedProperty(Optional.empty());
        core.setCreatorProperty(Optional.<String>empty());
        core.setDescriptionProperty(Optional.<String>empty());
        core.setIdentifierProperty(Optional.<String>empty());
        core.setKeywordsProperty(Optional.<String>empty());
        core.setLanguageProperty(Optional.<String>empty());
        core.setLastModifiedByProperty(Optional.<String>empty());
        core.setLastPrintedProperty(Optional.empty());
        core.setModifiedProperty(Optional.empty());
        core.setRevisionProperty(Optional.<String>empty());
        core.setSubjectProperty(Optional.<String>empty());
        core.setTitleProperty(Optional.<String>empty());
        core.setVersionProperty(Optional.<String>empty());
    }

    private static void removePackageMetadata(OPCPackage pkg) throws Exception {
        List<PackageRelationship> doomed = new ArrayList<>();
        for (PackageRelationship relationship : pkg.getRelationships()) {
            if (PACKAGE_METADATA.contains(relationship.getRelationshipType())) {
                doomed.add(relationship);
            }
        }
        for (PackageRelationship relationship : doomed) {
            PackagePart part = pkg.getPart(relationship);
            pkg.removeRelationship(relationship.getId());
            if (part != null) {
                pkg.removePart(part.getPartName());
            }
        }
    }

    /** Word's parts (comments and tracked changes name their authors), comment lists of Excel and PowerPoint. */
    private static boolean namesPeople(String contentType) {
        return contentType.endsWith("+xml")
                && (contentType.contains("wordprocessingml")
                        || contentType.contains("spreadsheetml.comments")
                        || contentType.contains("presentationml.commentAuthors")
                        || contentType.contains("presentationml.comments"));
    }

    private static void blankPeople(PackagePart part) throws Exception {
        Document xml;
        try (InputStream in = part.getInputStream()) {
            xml = secureBuilder().newDocumentBuilder().parse(in);
        }
        boolean changed = blankAttributes(xml) | blankAuthorElements(xml);
        if (changed) {
            try (OutputStream out = part.getOutputStream()) {
                TransformerFactory transformers = TransformerFactory.newInstance();
                transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                transformers.newTransformer().transform(new DOMSource(xml), new StreamResult(out));
            }
        }
    }

    private static boolean blankAttributes(Document xml) {
        boolean changed = false;
        NodeList all = xml.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
                boolean person = PERSON_ATTRIBUTES.contains(name)
                        || (name.equals("name") && "cmAuthor".equals(element.getLocalName()));
                if (person && !attribute.getValue().isEmpty()) {
                    attribute.setValue("");
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Excel keeps comment authors as {@code <authors><author>Name</author></authors>}. */
    private static boolean blankAuthorElements(Document xml) {
        boolean changed = false;
        NodeList authors = xml.getElementsByTagNameNS("*", "author");
        for (int i = 0; i < authors.getLength(); i++) {
            if (!authors.item(i).getTextContent().isEmpty()) {
                authors.item(i).setTextContent("");
                changed = true;
            }
        }
        return changed;
    }

    private static DocumentBuilderFactory secureBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        return factory;
    }
}
