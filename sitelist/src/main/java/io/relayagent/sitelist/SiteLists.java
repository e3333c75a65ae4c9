package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.namespace.QName;

/** The root of a SiteList.xml file: one or more {@link SiteList}s (usually one, the default). */
@XmlRootElement(name = "SiteLists", namespace = SiteLists.NAMESPACE)
public final class SiteLists {

  /** The namespace of the root element, as McAfee writes it. */
  public static final String NAMESPACE = "naSiteList";

  // Every attribute in file order, and the lists and the elements we do not model (ePO's
  // Policies, for one) in one list, so that writing the file back moves nothing (see KeptXml).
  @XmlAnyAttribute private Map<QName, String> attributes = new LinkedHashMap<>();

  @XmlElementRef(type = SiteList.class)
  @XmlAnyElement
  private List<Object> entries = new ArrayList<>();

  public String type() {
    return KeptXml.attribute(attributes, "Type");
  }

  public void setType(String type) {
    KeptXml.setAttribute(attributes, "Type", type);
  }

  public String globalVersion() {
    return KeptXml.attribute(attributes, "GlobalVersion");
  }

  public void setGlobalVersion(String globalVersion) {
    KeptXml.setAttribute(attributes, "GlobalVersion", globalVersion);
  }

  public String localVersion() {
    return KeptXml.attribute(attributes, "LocalVersion");
  }

  public void setLocalVersion(String localVersion) {
    KeptXml.setAttribute(attributes, "LocalVersion", localVersion);
  }

  /** The lists in file order. */
  public List<SiteList> siteLists() {
    return entries.stream().filter(SiteList.class::isInstance).map(SiteList.class::cast).toList();
  }

  /** Adds a list after the existing entries. */
  public void addSiteList(SiteList list) {
    entries.add(list);
  }

  /** Every site of every list, each list's sites in connection order. */
  public Stream<Site> sitesInOrder() {
    return siteLists().stream().flatMap(list -> list.sitesInOrder().stream());
  }

  /** The lists and the elements this project does not model, in file order (live). */
  public List<Object> entries() {
    return entries;
  }

  /** Every attribute in file order, modelled or not (live: changes write through). */
  public Map<QName, String> attributes() {
    return attributes;
  }
}
