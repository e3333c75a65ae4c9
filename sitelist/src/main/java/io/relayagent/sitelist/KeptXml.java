package io.relayagent.sitelist;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Typed access to what a SiteList node keeps as it was read: its attributes in one
 * insertion-ordered map and its children in one list, so that writing the file back keeps every
 * attribute and child in place, modelled or not (JAXB writes typed fields first, in field order,
 * which moved and swapped them).
 */
final class KeptXml {

  private KeptXml() {}

  /** The value of the unqualified attribute {@code name}, or {@code null}. */
  static String attribute(Map<QName, String> attributes, String name) {
    return attributes.get(new QName(name));
  }

  /** Sets an attribute in place; a new one goes after the existing ones. */
  static void setAttribute(Map<QName, String> attributes, String name, String value) {
    attributes.put(new QName(name), value);
  }

  /** The first child element named {@code name}. */
  static Optional<Element> child(List<Object> children, String name) {
    return children.stream()
        .filter(Element.class::isInstance)
        .map(Element.class::cast)
        .filter(element -> name.equals(localName(element)))
        .findFirst();
  }

  /** The text of the first child named {@code name}; {@code null} when there is none. */
  static String childText(List<Object> children, String name) {
    return child(children, name).map(Element::getTextContent).orElse(null);
  }

  /** Sets a child's text in place; a new child goes after the existing ones. */
  static void setChildText(List<Object> children, String name, String text) {
    Optional<Element> existing = child(children, name);
    if (existing.isPresent()) {
      existing.get().setTextContent(text);
      return;
    }
    Element created = newDocument().createElementNS(null, name);
    created.setTextContent(text);
    children.add(created);
  }

  private static String localName(Element element) {
    return element.getLocalName() != null ? element.getLocalName() : element.getNodeName();
  }

  // Only builds elements; nothing is parsed, so there is no entity to resolve.
  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM implementation is unavailable", e);
    }
  }
}
