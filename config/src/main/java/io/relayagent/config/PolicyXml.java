package io.relayagent.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAXB binding of the policy file's root, mirroring {@code policy-1.xsd}. Every value is
 * nullable: {@code null} means "absent, use the default", which {@link PolicyConverter} applies.
 * The schema, not this class, is what decides which documents are valid.
 */
@XmlRootElement(name = "policy", namespace = Policy.NAMESPACE)
@XmlType(
    name = "policy",
    propOrder = {"asci", "relayServer", "relayClient", "proxy", "eventQueue", "trust"})
final class PolicyXml {
  Asci asci;
  RelayXml.Server relayServer;
  RelayXml.Client relayClient;
  ProxyXml proxy;
  EventQueue eventQueue;
  Trust trust;

  @XmlType(name = "asci")
  static final class Asci {
    @XmlAttribute Integer intervalMinutes;
  }

  @XmlType(name = "eventQueue")
  static final class EventQueue {
    @XmlAttribute Integer maxEvents;
    @XmlAttribute Integer maxMiB;
    @XmlAttribute Integer batchSize;
  }

  @XmlType(
      name = "trust",
      propOrder = {"caCertificates", "certificateChain", "privateKey", "crl"})
  static final class Trust {
    @XmlElement(name = "caCertificate")
    List<FileRef> caCertificates = new ArrayList<>();

    FileRef certificateChain;
    PrivateKey privateKey;
    FileRef crl;
  }

  @XmlType(name = "fileRef")
  static final class FileRef {
    @XmlAttribute String file;

    FileRef() {}

    FileRef(String file) {
      this.file = file;
    }
  }

  @XmlType(name = "privateKey")
  static final class PrivateKey {
    @XmlAttribute String file;
    @XmlAttribute String passwordFile;
  }
}
