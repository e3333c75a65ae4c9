package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  @XmlAttribute(name = "Type")
  private String type;

  @XmlAttribute(name = "Name")
  private String name;

  @XmlAttribute(name = "Order")
  private String order;

  @XmlAttribute(name = "Server")
  private String server;

  @XmlAttribute(name = "ServerName")
  private String serverName;

  @XmlAttribute(name = "ServerIP")
  private String serverIp;

  @XmlAttribute(name = "SecurePort")
  private String securePort;

  @XmlAttribute(name = "Enabled")
  private String enabled;

  @XmlAttribute(name = "Local")
  private String local;

  @XmlAttribute(name = "Version")
  private String version;

  @XmlElement(name = "ShareName")
  private String shareName;

  @XmlElement(name = "RelativePath")
  private String relativePath;

  @XmlElement(name = "UseAuth")
  private String useAuth;

  @XmlElement(name = "UserName")
  private String userName;

  @XmlElement(name = "DomainName")
  private String domainName;

  @XmlElement(name = "Password")
  private Password password;

  @XmlAnyElement private List<Object> otherElements = new ArrayList<>();
  @XmlAnyAttribute private Map<QName, String> otherAttributes = new HashMap<>();

  /** The kind of site, which fixes the port used when {@code Server} names none. */
  public abstract SiteKind kind();

  public String type() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** The connection order; sites without one sort last. */
  public int order() {
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
    return order;
  }

  public void setOrder(int order) {
    this.order = Integer.toString(order);
  }

  /** {@code host:port} (the port may be absent); the name agents connect to. */
  public String server() {
    return server;
  }

  public void setServer(String server) {
    this.server = server;
  }

  /** Another name for the same server (often its NetBIOS name), {@code host[:port]}. */
  public String serverName() {
    return serverName;
  }

  public void setServerName(String serverName) {
    this.serverName = serverName;
  }

  /** The server's IP address, {@code ip[:port]}. */
  public String serverIp() {
    return serverIp;
  }

  public void setServerIp(String serverIp) {
    this.serverIp = serverIp;
  }

  String rawSecurePort() {
    return securePort;
  }

  /** The HTTPS port the site names ({@code SecurePort}), if it names a valid one. */
  public java.util.OptionalInt securePort() {
    if (securePort == null || securePort.isBlank()) {
      return java.util.OptionalInt.empty();
    }
    try {
      return java.util.OptionalInt.of(HostPort.parsePort(securePort.trim()));
    } catch (IllegalArgumentException e) {
      return java.util.OptionalInt.empty();
    }
  }

  public void setSecurePort(int port) {
    this.securePort = Integer.toString(port);
  }

  public boolean isEnabled() {
    return Flag.isSet(enabled, true);
  }

  String rawEnabled() {
    return enabled;
  }

  public void setEnabled(boolean value) {
    this.enabled = value ? "1" : "0";
  }

  public boolean isLocal() {
    return Flag.isSet(local, false);
  }

  String rawLocal() {
    return local;
  }

  public String version() {
    return version;
  }

  public String shareName() {
    return shareName;
  }

  public String relativePath() {
    return relativePath;
  }

  public void setRelativePath(String relativePath) {
    this.relativePath = relativePath;
  }

  public boolean useAuth() {
    return Flag.isSet(useAuth, false);
  }

  String rawUseAuth() {
    return useAuth;
  }

  public String userName() {
    return userName;
  }

  public String domainName() {
    return domainName;
  }

  /** The password element, or {@code null}; never printed by this project. */
  public Password password() {
    return password;
  }

  public List<Object> otherElements() {
    return otherElements;
  }

  public Map<QName, String> otherAttributes() {
    return otherAttributes;
  }

  /**
   * Every host and port this site can be reached at: each name it is known by ({@code Server},
   * {@code ServerName}, {@code ServerIP}) with each port it gives (theirs and {@code SecurePort}),
   * or the kind's default port when it gives none. Empty when {@code Server} is missing or invalid.
   */
  public Set<HostPort> endpoints() {
    Set<String> hosts = new LinkedHashSet<>();
    Set<Integer> ports = new LinkedHashSet<>();
    for (String address : new String[] {server, serverName, serverIp}) {
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
    return kind().elementName() + " \"" + name + "\" (" + server + ")";
  }
}
