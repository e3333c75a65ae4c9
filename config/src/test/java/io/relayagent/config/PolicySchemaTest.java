package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Keeps the three descriptions of the policy in step: the schema's {@code default="..."} values,
 * {@link Policy#defaults()}, and docs/policy.md.
 */
class PolicySchemaTest {
  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

  @Test
  void schemaDefaults_equalTheJavaDefaults() throws Exception {
    Map<String, String> documented = schemaDefaults();
    Map<String, String> java = attributesOf(parse(PolicyWriter.toXml(Policy.defaults())));
    // The defaults list no static relay, so the writer cannot show the default of its port.
    java.put(
        "relayClient/staticRelay@port",
        String.valueOf(RelayClientPolicy.DEFAULT_STATIC_RELAY_PORT));

    assertThat(documented).hasSizeGreaterThan(20);
    // The writer writes every value of the defaults, and nothing that has no default.
    assertThat(java).isEqualTo(documented);
  }

  @Test
  void schema_isInTheJarAndNamesTheNamespace() throws Exception {
    try (InputStream in = PolicySchema.open()) {
      Element root = parse(in.readAllBytes()).getDocumentElement();
      assertThat(root.getAttribute("targetNamespace")).isEqualTo(Policy.NAMESPACE);
    }
  }

  @Test
  void documentation_namesEveryElementAndAttribute() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "policy.md"));
    Set<String> missing = new TreeSet<>();
    for (String name : schemaNames()) {
      if (!docs.contains("`" + name + "`")) {
        missing.add(name);
      }
    }
    assertThat(missing).as("names of policy-1.xsd not in docs/policy.md").isEmpty();
  }

  /** {@code "relayServer/contentCache@quotaMiB" -> "2048"}, walking the schema from the root. */
  private static Map<String, String> schemaDefaults() throws Exception {
    Document xsd;
    try (InputStream in = PolicySchema.open()) {
      xsd = parse(in.readAllBytes());
    }
    Map<String, Element> types = new HashMap<>();
    for (Element type : children(xsd.getDocumentElement(), "complexType")) {
      types.put(type.getAttribute("name"), type);
    }
    Map<String, String> defaults = new TreeMap<>();
    collectDefaults(types, types.get("policy"), "", defaults);
    return defaults;
  }

  private static void collectDefaults(
      Map<String, Element> types, Element type, String path, Map<String, String> out) {
    for (Element attribute : descendants(type, "attribute")) {
      if (attribute.hasAttribute("default")) {
        out.put(path + "@" + attribute.getAttribute("name"), attribute.getAttribute("default"));
      }
    }
    for (Element element : descendants(type, "element")) {
      String typeName = element.getAttribute("type").replaceFirst("^p:", "");
      String childPath = (path.isEmpty() ? "" : path + "/") + element.getAttribute("name");
      collectDefaults(types, types.get(typeName), childPath, out);
    }
  }

  /** Every attribute of a policy document, keyed like {@link #schemaDefaults()}. */
  private static Map<String, String> attributesOf(Document policy) {
    Map<String, String> out = new TreeMap<>();
    collectAttributes(policy.getDocumentElement(), "", out);
    return out;
  }

  private static void collectAttributes(Element element, String path, Map<String, String> out) {
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      if (!attribute.getNodeName().startsWith("xmlns")) {
        out.put(path + "@" + attribute.getNodeName(), attribute.getNodeValue());
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        String childPath = (path.isEmpty() ? "" : path + "/") + childElement.getLocalName();
        collectAttributes(childElement, childPath, out);
      }
    }
  }

  private static Set<String> schemaNames() throws Exception {
    Document xsd;
    try (InputStream in = PolicySchema.open()) {
      xsd = parse(in.readAllBytes());
    }
    Set<String> names = new TreeSet<>();
    for (String kind : new String[] {"element", "attribute"}) {
      for (Element declaration : descendants(xsd.getDocumentElement(), kind)) {
        names.add(declaration.getAttribute("name"));
      }
    }
    return names;
  }

  private static Iterable<Element> children(Element parent, String localName) {
    return descendantsOrChildren(parent, localName, false);
  }

  private static Iterable<Element> descendants(Element parent, String localName) {
    return descendantsOrChildren(parent, localName, true);
  }

  private static Iterable<Element> descendantsOrChildren(
      Element parent, String localName, boolean deep) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && XS.equals(element.getNamespaceURI())) {
        if (element.getLocalName().equals(localName)) {
          found.add(element);
        } else if (deep && !element.getLocalName().equals("element")) {
          // Into sequences and anonymous types, but not into another element's declaration.
          descendantsOrChildren(element, localName, true).forEach(found::add);
        }
      }
    }
    return found;
  }

  private static Document parse(String xml) throws Exception {
    return parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
