package org.quire.web.wopi.discovery;

import org.quire.web.wopi.proof.ProofKey;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses discovery XML safely: no DOCTYPE at all (which rules out external entities and entity expansion
 * bombs), secure processing on, no external DTDs or schemas (DOMAIN-AND-SECURITY.md, XXE).
 */
public final class DiscoveryParser {

    private DiscoveryParser() {
    }

    public static Discovery parse(InputStream xml, Instant fetched) throws IOException {
        org.w3c.dom.Document doc;
        try {
            doc = secureBuilder().parse(xml);
        } catch (SAXException e) {
            throw new IOException("the discovery document is not acceptable XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"wopi-discovery".equals(root.getTagName())) {
            throw new IOException("not a WOPI discovery document (root element " + root.getTagName() + ")");
        }
        List<Discovery.Action> actions = new ArrayList<>();
        NodeList apps = root.getElementsByTagName("app");
        for (int i = 0; i < apps.getLength(); i++) {
            Element app = (Element) apps.item(i);
            NodeList list = app.getElementsByTagName("action");
            for (int j = 0; j < list.getLength(); j++) {
                Element a = (Element) list.item(j);
                String requires = a.getAttribute("requires");
                actions.add(new Discovery.Action(app.getAttribute("name"), a.getAttribute("name"), a.getAttribute("ext"),
                        a.getAttribute("urlsrc"), requires.isBlank() ? List.of() : Arrays.asList(requires.split(",")),
                        "true".equalsIgnoreCase(a.getAttribute("default"))));
            }
        }
        ProofKey current = null;
        ProofKey old = null;
        NodeList keys = root.getElementsByTagName("proof-key");
        if (keys.getLength() > 0) {
            Element k = (Element) keys.item(0);
            current = key(k.getAttribute("modulus"), k.getAttribute("exponent"), k.getAttribute("value"));
            old = key(k.getAttribute("oldmodulus"), k.getAttribute("oldexponent"), k.getAttribute("oldvalue"));
        }
        return new Discovery(List.copyOf(actions), current, old, fetched);
    }

    private static ProofKey key(String modulus, String exponent, String value) {
        if (!modulus.isBlank() && !exponent.isBlank()) {
            return ProofKey.fromModulusAndExponent(modulus, exponent);
        }
        return value.isBlank() ? null : ProofKey.fromCspBlob(value);
    }

    static DocumentBuilder secureBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured securely", e);
        }
    }
}
