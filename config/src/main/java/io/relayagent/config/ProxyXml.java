package io.relayagent.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The JAXB binding of {@code proxy}; see {@link PolicyXml}. */
@XmlType(
    name = "proxy",
    propOrder = {"credentials", "bypass"})
final class ProxyXml {
  @XmlAttribute String mode;
  @XmlAttribute String host;
  @XmlAttribute Integer port;
  @XmlAttribute Boolean allowUserOverride;
  Credentials credentials;

  @XmlElement(name = "bypass")
  List<Bypass> bypass = new ArrayList<>();

  @XmlType(name = "proxyCredentials")
  static final class Credentials {
    @XmlAttribute String user;
    @XmlAttribute String passwordFile;
  }

  @XmlType(name = "bypass")
  static final class Bypass {
    @XmlAttribute String destination;

    Bypass() {}

    Bypass(String destination) {
      this.destination = destination;
    }
  }
}
