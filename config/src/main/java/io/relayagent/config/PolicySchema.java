package io.relayagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The published schema of policy files, {@code policy-1.xsd}, loaded once from this jar. */
public final class PolicySchema {

  /** The schema's resource name, for those who publish it (the reference server). */
  public static final String RESOURCE = "/io/relayagent/config/policy-1.xsd";

  private static final Schema SCHEMA = load();

  private PolicySchema() {}

  static Schema schema() {
    return SCHEMA;
  }

  /** The schema's text, to publish or save for editors. */
  public static InputStream open() {
    InputStream in = PolicySchema.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the class path");
    }
    return in;
  }

  private static Schema load() {
    URL url = PolicySchema.class.getResource(RESOURCE);
    try (InputStream in = open()) {
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      // The schema is ours, but nothing it could name is fetched either.
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newSchema(new StreamSource(in, String.valueOf(url)));
    } catch (SAXException e) {
      throw new IllegalStateException("the bundled " + RESOURCE + " is invalid", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
