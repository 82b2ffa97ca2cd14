package dev.virtwire.host.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * DOM parsing and writing of libvirt XML with no doctype, external entities or includes: the XML comes from a
 * host and is not trusted. Small element helpers keep the mappers declarative.
 */
final class SafeXml {
    private SafeXml() {
    }

    /** Fatal errors are thrown (and reported by the caller, in words); nothing is printed to stderr. */
    private static final org.xml.sax.ErrorHandler QUIET = new org.xml.sax.helpers.DefaultHandler();
    /**
     * One parser per thread, made once: finding and configuring a parser costs far more than parsing a
     * network or a NIC. (Domains, hundreds per host, are streamed: {@link DomainElements}.)
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::newBuilder);

    static Document parse(String xml, String what) {
        DocumentBuilder builder = BUILDER.get();
        try {
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(what + " is not well-formed XML: " + e.getMessage(), e);
        } finally {
            builder.reset();
            builder.setErrorHandler(QUIET);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("this Java has no safe XML parser", e);
        }
    }

    /** An element written back as XML, without declaration (what virsh update-device takes). */
    static String write(Element element) {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    /** Direct children with this tag name, in document order. */
    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> child(Element parent, String tag) {
        return children(parent, tag).stream().findFirst();
    }

    /** The attribute, empty when absent or blank. */
    static Optional<String> attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static Optional<String> attr(Optional<Element> e, String name) {
        return e.flatMap(x -> attr(x, name));
    }

    static Optional<String> text(Element parent, String tag) {
        return child(parent, tag).map(Element::getTextContent).map(String::trim).filter(s -> !s.isEmpty());
    }
}
