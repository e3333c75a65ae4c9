package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.namespace.QName;

/** The root of a SiteList.xml file: one or more {@link SiteList}s (usually one, the default). */
@XmlRootElement(name = "SiteLists", namespace = SiteLists.NAMESPACE)
@XmlType(propOrder = {"siteLists", "otherElements"})
public final class SiteLists {

  /** The namespace of the root element, as McAfee writes it. */
  public static final String NAMESPACE = "naSiteList";

  @XmlAttribute(name = "Type")
  private String type;

  @XmlAttribute(name = "GlobalVersion")
  private String globalVersion;

  @XmlAttribute(name = "LocalVersion")
  private String localVersion;

  @XmlElement(name = "SiteList")
  private List<SiteList> siteLists = new ArrayList<>();

  // What we do not model is kept, so that writing the file back loses nothing.
  @XmlAnyElement private List<Object> otherElements = new ArrayList<>();
  @XmlAnyAttribute private Map<QName, String> otherAttributes = new HashMap<>();

  public String type() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String globalVersion() {
    return globalVersion;
  }

  public void setGlobalVersion(String globalVersion) {
    this.globalVersion = globalVersion;
  }

  public String localVersion() {
    return localVersion;
  }

  public void setLocalVersion(String localVersion) {
    this.localVersion = localVersion;
  }

  /** The lists in file order (live: changes write through). */
  public List<SiteList> siteLists() {
    return siteLists;
  }

  /** Every site of every list, each list's sites in connection order. */
  public Stream<Site> sitesInOrder() {
    return siteLists.stream().flatMap(list -> list.sitesInOrder().stream());
  }

  /** Elements of the root this project does not model, kept for round trips. */
  public List<Object> otherElements() {
    return otherElements;
  }

  /** Attributes of the root this project does not model, kept for round trips. */
  public Map<QName, String> otherAttributes() {
    return otherAttributes;
  }
}
