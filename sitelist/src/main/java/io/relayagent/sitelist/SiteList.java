package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/** One named list of sites. Sites and unknown elements share one list to keep their order. */
@XmlRootElement(name = "SiteList", namespace = "")
public final class SiteList {

  // Every attribute in file order (see KeptXml).
  @XmlAnyAttribute private Map<QName, String> attributes = new LinkedHashMap<>();

  @XmlElementRefs({
    @XmlElementRef(type = SpipeSite.class),
    @XmlElementRef(type = HttpSite.class),
    @XmlElementRef(type = FtpSite.class),
    @XmlElementRef(type = UncSite.class)
  })
  @XmlAnyElement
  private List<Object> entries = new ArrayList<>();

  public String name() {
    return KeptXml.attribute(attributes, "Name");
  }

  public void setName(String name) {
    KeptXml.setAttribute(attributes, "Name", name);
  }

  /** Whether the file marks this list as the default one ({@code Default="1"}). */
  public boolean isDefault() {
    return Flag.isSet(rawDefault(), false);
  }

  String rawDefault() {
    return KeptXml.attribute(attributes, "Default");
  }

  public void setDefault(boolean value) {
    KeptXml.setAttribute(attributes, "Default", value ? "1" : "0");
  }

  /** Sites and unknown elements in file order (live: changes write through). */
  public List<Object> entries() {
    return entries;
  }

  /** The sites in file order. */
  public List<Site> sites() {
    return entries.stream().filter(Site.class::isInstance).map(Site.class::cast).toList();
  }

  /** The sites in the order an agent tries them: by {@code Order}, then by file order. */
  public List<Site> sitesInOrder() {
    return sites().stream().sorted(Comparator.comparingInt(Site::order)).toList();
  }

  /** Adds a site after the existing entries. */
  public void addSite(Site site) {
    entries.add(site);
  }

  /** Every attribute in file order, modelled or not (live: changes write through). */
  public Map<QName, String> attributes() {
    return attributes;
  }
}
