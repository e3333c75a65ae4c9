package io.relayagent.sitelist;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * A file's elements in document order, each with its attributes in document order ({@code "Name a=1
 * b=2"}), and its non-blank text ({@code "#text"}): what a round trip must keep, without the
 * indentation and quoting a writer may choose. StAX reports attributes in the order written, which
 * DOM does not promise.
 */
final class XmlOutline {

  private XmlOutline() {}

  static List<String> of(Path file) throws Exception {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    List<String> outline = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader reader = factory.createXMLStreamReader(in);
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          StringBuilder line = new StringBuilder(reader.getLocalName());
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            line.append(' ')
                .append(reader.getAttributeLocalName(i))
                .append('=')
                .append(reader.getAttributeValue(i));
          }
          outline.add(line.toString());
        } else if (event == XMLStreamConstants.CHARACTERS && !reader.isWhiteSpace()) {
          outline.add("#" + reader.getText());
        }
      }
    }
    return outline;
  }
}
