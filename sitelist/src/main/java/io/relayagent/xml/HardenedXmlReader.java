package io.relayagent.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.w3c.dom.DOMException;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads an XML file into a JAXB tree as if the file were hostile.
 *
 * <ul>
 *   <li>A DOCTYPE is refused outright: no DTD is read, no entity (external or internal) is
 *       declared, so XXE and "billion laughs" files fail before anything is fetched or expanded.
 *   <li>The file's size and the nesting depth of its elements are bounded.
 *   <li>Every problem (malformed XML, schema violations, unexpected elements) is collected with the
 *       file name, line and column; the caller gets all of them at once, not just the first.
 * </ul>
 *
 * <pre>{@code
 * var reader = new HardenedXmlReader<>(context, SiteLists.class, null, 4 << 20);
 * ParsedXml<SiteLists> parsed = reader.read(Path.of("SiteList.xml"));
 * }</pre>
 *
 * <p>Thread-safe: each call makes its own parser and unmarshaller.
 */
public final class HardenedXmlReader<T> {

  /** Deeper than any real SiteList or policy; stops stack-exhausting "deep nesting" files. */
  public static final int DEFAULT_MAX_ELEMENT_DEPTH = 32;

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String MAX_ELEMENT_DEPTH =
      "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

  private final JAXBContext context;
  private final Class<T> rootType;
  private final Schema schema;
  private final long maxBytes;
  private final int maxElementDepth;

  /**
   * @param schema validates the document while it is read, or {@code null} for none
   * @param maxBytes the largest file accepted
   */
  public HardenedXmlReader(JAXBContext context, Class<T> rootType, Schema schema, long maxBytes) {
    this(context, rootType, schema, maxBytes, DEFAULT_MAX_ELEMENT_DEPTH);
  }

  public HardenedXmlReader(
      JAXBContext context, Class<T> rootType, Schema schema, long maxBytes, int maxElementDepth) {
    this.context = Objects.requireNonNull(context, "context");
    this.rootType = Objects.requireNonNull(rootType, "rootType");
    this.schema = schema;
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.maxElementDepth = maxElementDepth;
  }

  /** Reads and parses a file; the file's path names it in every problem. */
  public ParsedXml<T> read(Path file) throws XmlFileException {
    return parse(file.toString(), readBounded(file));
  }

  /** Parses content that came from somewhere other than a file (the network, a test). */
  public ParsedXml<T> parse(String source, byte[] content) throws XmlFileException {
    try {
      return parseUnlocated(source, content);
    } catch (XmlFileException e) {
      throw locateEncodingErrors(e, content);
    }
  }

  /**
   * The same problems, those about a byte that is not UTF-8 given the line and column the parser
   * could not give.
   */
  private static XmlFileException locateEncodingErrors(XmlFileException e, byte[] content) {
    List<XmlProblem> problems = new ArrayList<>();
    boolean changed = false;
    for (XmlProblem problem : e.problems()) {
      int[] at =
          problem.line() == 0 && problem.message().contains("UTF-8")
              ? MalformedUtf8.position(content).orElse(null)
              : null;
      problems.add(
          at == null ? problem : new XmlProblem(problem.source(), at[0], at[1], problem.message()));
      changed |= at != null;
    }
    return changed ? new XmlFileException(problems) : e;
  }

  private ParsedXml<T> parseUnlocated(String source, byte[] content) throws XmlFileException {
    if (content.length > maxBytes) {
      throw new XmlFileException(XmlProblem.ofFile(source, tooLarge(content.length)));
    }
    if (schema != null) {
      List<XmlProblem> invalid = validate(source, content);
      if (!invalid.isEmpty()) {
        throw new XmlFileException(invalid);
      }
    }
    ProblemCollector problems = new ProblemCollector(source);
    SourcePositions positions = new SourcePositions();
    Object result;
    try {
      LocatingFilter reader = new LocatingFilter(newSecureXmlReader(), expectedRoot());
      Unmarshaller unmarshaller = context.createUnmarshaller();
      unmarshaller.setEventHandler(
          event -> {
            problems.add(event);
            // Keep going after ordinary errors so the administrator sees every problem at once.
            return event.getSeverity() != ValidationEvent.FATAL_ERROR;
          });
      unmarshaller.setListener(
          new Unmarshaller.Listener() {
            @Override
            public void beforeUnmarshal(Object target, Object parent) {
              positions.record(target, reader.line(), reader.column());
            }
          });
      try {
        result =
            unmarshaller.unmarshal(
                new SAXSource(reader, new InputSource(new ByteArrayInputStream(content))));
      } catch (DOMException e) {
        // The parser let through something a DOM of an unmodelled element cannot hold; the names
        // are checked above, so this is the last guard: the file is refused, never the thread.
        problems.add(
            new SAXParseException(
                "malformed XML that cannot be kept as an element: " + e.getMessage(),
                null,
                null,
                reader.line(),
                reader.column()));
        throw new XmlFileException(problems.list());
      }
    } catch (UnmarshalException e) {
      problems.add(e);
      throw new XmlFileException(problems.list());
    } catch (JAXBException | SAXException | ParserConfigurationException e) {
      // A broken JAXB model or JDK parser set-up: a bug of ours, not a problem of the file.
      throw new IllegalStateException("XML reader set-up failed for " + source, e);
    }
    if (result instanceof JAXBElement<?> element) {
      result = element.getValue();
    }
    if (!problems.list().isEmpty()) {
      throw new XmlFileException(problems.list());
    }
    if (!rootType.isInstance(result)) {
      throw new XmlFileException(
          XmlProblem.ofFile(source, "the root element is not a " + rootType.getSimpleName()));
    }
    return new ParsedXml<>(source, rootType.cast(result), positions);
  }

  /**
   * Every schema problem of the document, in document order. JAXB stops at the first schema error,
   * so validation is a pass of its own that carries on after each error; only malformed XML ends
   * it. Its parser is hardened like the one that unmarshals.
   */
  private List<XmlProblem> validate(String source, byte[] content) {
    ProblemCollector problems = new ProblemCollector(source);
    try {
      Validator validator = schema.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
              // Warnings are about the schema, not the document.
            }

            @Override
            public void error(SAXParseException e) {
              problems.add(e);
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              problems.add(e);
              throw e;
            }
          });
      validator.validate(
          new SAXSource(
              new LocatingFilter(newSecureXmlReader(), expectedRoot()),
              new InputSource(new ByteArrayInputStream(content))));
    } catch (SAXParseException e) {
      problems.add(e); // malformed past this point; already collected unless it came from us
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("XML validator set-up failed for " + source, e);
    } catch (IOException e) {
      // Bytes in memory fail to read only as text: bad bytes, or an encoding nobody knows.
      problems.add(e);
    }
    return problems.list();
  }

  private byte[] readBounded(Path file) throws XmlFileException {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the limit instead of trusting the size: the file may be growing.
      byte[] content = in.readNBytes((int) maxBytes + 1);
      if (content.length > maxBytes) {
        throw new XmlFileException(XmlProblem.ofFile(source, tooLarge(Files.size(file))));
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new XmlFileException(XmlProblem.ofFile(source, "file not found"));
    } catch (AccessDeniedException e) {
      throw new XmlFileException(XmlProblem.ofFile(source, "permission denied"));
    } catch (IOException e) {
      throw new XmlFileException(XmlProblem.ofFile(source, "cannot read: " + e.getMessage()));
    }
  }

  private String tooLarge(long size) {
    return "file is " + size + " bytes, larger than the limit of " + maxBytes + " bytes";
  }

  private XMLReader newSecureXmlReader() throws ParserConfigurationException, SAXException {
    // The JDK's own parser, whatever else is on the class path: the properties below are its.
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature(DISALLOW_DOCTYPE, true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    SAXParser parser = factory.newSAXParser();
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    parser.setProperty(MAX_ELEMENT_DEPTH, Integer.toString(maxElementDepth));
    return parser.getXMLReader();
  }

  /** The root element {@code rootType} binds to, or {@code null} when it names none. */
  private QName expectedRoot() {
    XmlRootElement root = rootType.getAnnotation(XmlRootElement.class);
    if (root == null) {
      return null;
    }
    String namespace = "##default".equals(root.namespace()) ? "" : root.namespace();
    String name = "##default".equals(root.name()) ? rootType.getSimpleName() : root.name();
    return new QName(namespace, name);
  }

  /**
   * Remembers the parser's position so that each unmarshalled object can be located, and checks the
   * root element first so a wrong file gets one plain message rather than JAXB's list.
   */
  private static final class LocatingFilter extends XMLFilterImpl {
    private final QName expectedRoot;
    private Locator locator;
    private boolean rootSeen;

    LocatingFilter(XMLReader parent, QName expectedRoot) {
      super(parent);
      this.expectedRoot = expectedRoot;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
        throws SAXException {
      if (!rootSeen) {
        rootSeen = true;
        if (expectedRoot != null
            && !(expectedRoot.getNamespaceURI().equals(uri)
                && expectedRoot.getLocalPart().equals(localName))) {
          SAXParseException wrongRoot =
              new SAXParseException(
                  "the root element must be "
                      + describe(expectedRoot.getNamespaceURI(), expectedRoot.getLocalPart())
                      + ", not "
                      + describe(uri, localName),
                  locator);
          getErrorHandler().fatalError(wrongRoot);
          throw wrongRoot;
        }
      }
      requireNamespacedName("element", qName);
      for (int i = 0; i < atts.getLength(); i++) {
        requireNamespacedName("attribute", atts.getQName(i));
      }
      super.startElement(uri, localName, qName, atts);
    }

    /**
     * The JDK's parser lets a name such as {@code :HttpSite} or {@code a:b:c} through, which XML
     * namespaces forbid; JAXB then fails on it with an unchecked DOM error when it keeps an element
     * it does not model. Refused here, with its place in the file, like any malformed XML.
     */
    private void requireNamespacedName(String what, String qName) throws SAXException {
      int colon = qName.indexOf(':');
      boolean valid =
          colon < 0
              || (colon > 0 && colon < qName.length() - 1 && qName.indexOf(':', colon + 1) < 0);
      if (!valid) {
        SAXParseException malformed =
            new SAXParseException(
                "the "
                    + what
                    + " name \""
                    + qName
                    + "\" is not a valid namespaced XML name"
                    + " (one colon at most, with a prefix before it and a name after it)",
                locator);
        getErrorHandler().fatalError(malformed);
        throw malformed;
      }
    }

    private static String describe(String uri, String localName) {
      return uri.isEmpty()
          ? "<" + localName + "> in no namespace"
          : "<" + localName + "> in namespace \"" + uri + "\"";
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
      super.setDocumentLocator(locator);
    }

    int line() {
      return locator == null ? 0 : locator.getLineNumber();
    }

    int column() {
      return locator == null ? 0 : locator.getColumnNumber();
    }
  }

  /** Turns parser and JAXB messages into located problems, each once, in clear words. */
  private static final class ProblemCollector {
    private final String source;
    private final Set<XmlProblem> problems = new LinkedHashSet<>();

    ProblemCollector(String source) {
      this.source = source;
    }

    void add(ValidationEvent event) {
      ValidationEventLocator at = event.getLocator();
      int line = at == null ? 0 : Math.max(0, at.getLineNumber());
      int column = at == null ? 0 : Math.max(0, at.getColumnNumber());
      Throwable cause = event.getLinkedException();
      if (cause instanceof SAXParseException parse && line == 0) {
        line = Math.max(0, parse.getLineNumber());
        column = Math.max(0, parse.getColumnNumber());
      }
      problems.add(new XmlProblem(source, line, column, clarify(event.getMessage(), cause)));
    }

    void add(SAXParseException e) {
      problems.add(
          new XmlProblem(
              source,
              Math.max(0, e.getLineNumber()),
              Math.max(0, e.getColumnNumber()),
              clarify(e.getMessage(), e)));
    }

    void add(UnmarshalException e) {
      Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
      if (cause instanceof SAXParseException parse) {
        add(parse);
      } else if (cause instanceof IOException text) {
        add(text);
      } else if (problems.isEmpty()) {
        String message = cause != null ? cause.getMessage() : e.getMessage();
        problems.add(XmlProblem.ofFile(source, clarify(message, cause)));
      }
    }

    /**
     * The parser could not turn the bytes into text. An unknown encoding can only have been named
     * by the XML declaration, which starts the first line; a bad byte is located afterwards ({@link
     * MalformedUtf8}).
     */
    void add(IOException e) {
      if (e instanceof UnsupportedEncodingException) {
        problems.add(
            new XmlProblem(
                source,
                1,
                1,
                "the XML declaration names an encoding that cannot be read: \""
                    + e.getMessage()
                    + "\" (UTF-8 is expected)"));
      } else {
        problems.add(XmlProblem.ofFile(source, clarify(e.getMessage(), e)));
      }
    }

    List<XmlProblem> list() {
      return new ArrayList<>(problems);
    }

    private static String clarify(String message, Throwable cause) {
      String text = message != null ? message : cause != null ? cause.toString() : "invalid XML";
      if (text.contains("DOCTYPE is disallowed")) {
        return "a DOCTYPE is not allowed (no DTDs or entity declarations are read, so nothing"
            + " was fetched or expanded)";
      }
      if (text.contains("maxElementDepth") || text.contains("exceeds the limit")) {
        return "elements are nested too deeply: " + text;
      }
      return text;
    }
  }
}
