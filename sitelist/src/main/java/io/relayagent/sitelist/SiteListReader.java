package io.relayagent.sitelist;

import io.relayagent.xml.HardenedXmlReader;
import io.relayagent.xml.ParsedXml;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SiteList.xml files: hardened parsing (see {@link HardenedXmlReader}), then a check of every
 * value this project relies on, each problem reported as {@code FILE:LINE:COLUMN: message}.
 *
 * <pre>{@code
 * SiteLists lists = SiteListReader.read(Path.of("/etc/relay-agent/SiteList.xml"));
 * }</pre>
 */
public final class SiteListReader {

  /** Real SiteLists are a few KiB; this is generous and still bounds memory. */
  public static final long MAX_FILE_BYTES = 4L << 20;

  static final int MAX_NAME_LENGTH = 256;

  private static final JAXBContext CONTEXT = newContext();
  private static final HardenedXmlReader<SiteLists> READER =
      new HardenedXmlReader<>(CONTEXT, SiteLists.class, null, MAX_FILE_BYTES);

  private SiteListReader() {}

  /** Reads and checks a file. */
  public static SiteLists read(Path file) throws XmlFileException {
    return check(READER.read(file));
  }

  /** Reads and checks content from elsewhere (a server's answer), named {@code source}. */
  public static SiteLists parse(String source, byte[] content) throws XmlFileException {
    return check(READER.parse(source, content));
  }

  static JAXBContext context() {
    return CONTEXT;
  }

  private static SiteLists check(ParsedXml<SiteLists> parsed) throws XmlFileException {
    List<XmlProblem> problems = new ArrayList<>();
    for (SiteList list : parsed.value().siteLists()) {
      if (!Flag.isValid(list.rawDefault())) {
        problems.add(parsed.problemAt(list, "SiteList: Default must be 0 or 1"));
      }
      Map<String, Site> byName = new HashMap<>();
      for (Site site : list.sites()) {
        checkSite(parsed, site, problems);
        if (site.name() != null) {
          Site first = byName.putIfAbsent(site.name().toLowerCase(Locale.ROOT), site);
          if (first != null) {
            problems.add(
                parsed.problemAt(
                    site,
                    site.kind().elementName()
                        + ": duplicate site Name \""
                        + site.name()
                        + "\" (first defined at line "
                        + parsed.positions().of(first).line()
                        + ")"));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new XmlFileException(problems);
    }
    return parsed.value();
  }

  private static void checkSite(ParsedXml<SiteLists> parsed, Site site, List<XmlProblem> out) {
    String element = site.kind().elementName();
    if (site.name() == null || site.name().isBlank()) {
      out.add(parsed.problemAt(site, element + ": attribute Name is required"));
    } else if (site.name().length() > MAX_NAME_LENGTH) {
      out.add(
          parsed.problemAt(
              site, element + ": Name is longer than " + MAX_NAME_LENGTH + " characters"));
    }
    if (site.server() == null || site.server().isBlank()) {
      out.add(parsed.problemAt(site, element + ": attribute Server is required (host:port)"));
    } else {
      checkAddress(parsed, site, "Server", site.server(), false, out);
    }
    checkAddress(parsed, site, "ServerName", site.serverName(), false, out);
    checkAddress(parsed, site, "ServerIP", site.serverIp(), true, out);
    String securePort = site.rawSecurePort();
    if (securePort != null && !securePort.isBlank()) {
      try {
        HostPort.parsePort(securePort.trim());
      } catch (IllegalArgumentException e) {
        out.add(parsed.problemAt(site, element + ": SecurePort " + e.getMessage()));
      }
    }
    String order = site.rawOrder();
    if (order != null && !order.isBlank() && !order.trim().matches("[0-9]{1,9}")) {
      out.add(
          parsed.problemAt(
              site, element + ": Order must be a whole number 0-999999999, not '" + order + "'"));
    }
    checkFlag(parsed, site, element + ": Enabled", site.rawEnabled(), out);
    checkFlag(parsed, site, element + ": Local", site.rawLocal(), out);
    checkFlag(parsed, site, element + ": UseAuth", site.rawUseAuth(), out);
    if (site.password() != null) {
      checkFlag(
          parsed, site, element + ": Password Encrypted", site.password().rawEncrypted(), out);
    }
  }

  private static void checkAddress(
      ParsedXml<SiteLists> parsed,
      Site site,
      String attribute,
      String value,
      boolean mustBeIp,
      List<XmlProblem> out) {
    if (value == null || value.isBlank()) {
      return;
    }
    String element = site.kind().elementName();
    try {
      HostPort address = HostPort.parse(value.trim(), 0);
      if (mustBeIp && !address.isIpLiteral()) {
        out.add(
            parsed.problemAt(
                site, element + ": " + attribute + " must be an IP address, not '" + value + "'"));
      }
    } catch (IllegalArgumentException e) {
      out.add(parsed.problemAt(site, element + ": " + attribute + " " + e.getMessage()));
    }
  }

  private static void checkFlag(
      ParsedXml<SiteLists> parsed, Object node, String what, String value, List<XmlProblem> out) {
    if (!Flag.isValid(value)) {
      out.add(parsed.problemAt(node, what + " must be 0 or 1, not '" + value + "'"));
    }
  }

  private static JAXBContext newContext() {
    try {
      return JAXBContext.newInstance(SiteLists.class);
    } catch (JAXBException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
