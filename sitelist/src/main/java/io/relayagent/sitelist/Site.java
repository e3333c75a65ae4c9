package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * A site of a SiteList: a management server ({@link SpipeSite}) or a repository ({@link HttpSite},
 * {@link FtpSite}, {@link UncSite}).
 *
 * <p>Attributes are kept as the file wrote them, so a round trip changes nothing; the typed
 * accessors interpret them. {@link SiteListReader} has checked every value before a tree reaches
 * callers, so the accessors do not fail on a tree it returned.
 */
@XmlTransient
public abstract sealed class Site permits SpipeSite, HttpSite, FtpSite, UncSite {

  // Every attribute and child as the file had them, in file order; the accessors below interpret
  // them (KeptXml), so a round trip moves nothing.
  @XmlAnyAttribute private Map<QName, String> attributes = new LinkedHashMap<>();
  @XmlAnyElement private List<Object> children = new ArrayList<>();

  /** The kind of site, which fixes the port used when {@code Server} names none. */
  public abstract SiteKind kind();

  private String attribute(String name) {
    return KeptXml.attribute(attributes, name);
  }

  private void setAttribute(String name, String value) {
    KeptXml.setAttribute(attributes, name, value);
  }

  public String type() {
    return attribute("Type");
  }

  public void setType(String type) {
    setAttribute("Type", type);
  }

  public String name() {
    return attribute("Name");
  }

  public void setName(String name) {
    setAttribute("Name", name);
  }

  /** The connection order; sites without one sort last. */
  public int order() {
    String order = rawOrder();
    if (order == null || order.isBlank()) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(order.trim());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  String rawOrder() {
    return attribute("Order");
  }

  public void setOrder(int order) {
    setAttribute("Order", Integer.toString(order));
  }

  /** {@code host:port} (the port may be absent); the name agents connect to. */
  public String server() {
    return attribute("Server");
  }

  public void setServer(String server) {
    setAttribute("Server", server);
  }

  /** Another name for the same server (often its NetBIOS name), {@code host[:port]}. */
  public String serverName() {
    return attribute("ServerName");
  }

  public void setServerName(String serverName) {
    setAttribute("ServerName", serverName);
  }

  /** The server's IP address, {@code ip[:port]}. */
  public String serverIp() {
    return attribute("ServerIP");
  }

  public void setServerIp(String serverIp) {
    setAttribute("ServerIP", serverIp);
  }

  String rawSecurePort() {
    return attribute("SecurePort");
  }

  /** The HTTPS port the site names ({@code SecurePort}), if it names a valid one. */
  public OptionalInt securePort() {
    String securePort = rawSecurePort();
    if (securePort == null || securePort.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(HostPort.parsePort(securePort.trim()));
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  public void setSecurePort(int port) {
    setAttribute("SecurePort", Integer.toString(port));
  }

  public boolean isEnabled() {
    return Flag.isSet(rawEnabled(), true);
  }

  String rawEnabled() {
    return attribute("Enabled");
  }

  public void setEnabled(boolean value) {
    setAttribute("Enabled", value ? "1" : "0");
  }

  public boolean isLocal() {
    return Flag.isSet(rawLocal(), false);
  }

  String rawLocal() {
    return attribute("Local");
  }

  public String version() {
    return attribute("Version");
  }

  public String shareName() {
    return KeptXml.childText(children, "ShareName");
  }

  public String relativePath() {
    return KeptXml.childText(children, "RelativePath");
  }

  public void setRelativePath(String relativePath) {
    KeptXml.setChildText(children, "RelativePath", relativePath);
  }

  public boolean useAuth() {
    return Flag.isSet(rawUseAuth(), false);
  }

  String rawUseAuth() {
    return KeptXml.childText(children, "UseAuth");
  }

  public String userName() {
    return KeptXml.childText(children, "UserName");
  }

  public String domainName() {
    return KeptXml.childText(children, "DomainName");
  }

  /** The password element, or {@code null}; never printed by this project. */
  public Password password() {
    return KeptXml.child(children, "Password").map(Password::new).orElse(null);
  }

  /** Every attribute in file order, modelled or not (live: changes write through). */
  public Map<QName, String> attributes() {
    return attributes;
  }

  /** Every child element in file order, modelled or not (live: changes write through). */
  public List<Object> children() {
    return children;
  }

  /**
   * Every host and port this site can be reached at: each name it is known by ({@code Server},
   * {@code ServerName}, {@code ServerIP}) with each port it gives (theirs and {@code SecurePort}),
   * or the kind's default port when it gives none. Empty when {@code Server} is missing or invalid.
   */
  public Set<HostPort> endpoints() {
    Set<String> hosts = new LinkedHashSet<>();
    Set<Integer> ports = new LinkedHashSet<>();
    for (String address : new String[] {server(), serverName(), serverIp()}) {
      if (address == null || address.isBlank()) {
        continue;
      }
      try {
        HostPort parsed = HostPort.parse(address, 0);
        hosts.add(parsed.host());
        if (parsed.port() != 0) {
          ports.add(parsed.port());
        }
      } catch (IllegalArgumentException e) {
        // SiteListReader reports it; a tree built in code simply has no such endpoint.
      }
    }
    securePort().ifPresent(ports::add);
    if (ports.isEmpty()) {
      ports.add(kind().defaultPort());
    }
    Set<HostPort> endpoints = new LinkedHashSet<>();
    for (String host : hosts) {
      for (int port : ports) {
        endpoints.add(new HostPort(host, port));
      }
    }
    return Collections.unmodifiableSet(endpoints);
  }

  /** {@code Kind "Name" (server)}, for messages. */
  public String describe() {
    return kind().elementName() + " \"" + name() + "\" (" + server() + ")";
  }
}
