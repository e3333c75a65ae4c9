package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/** One named list of sites. Sites and unknown elements share one list to keep their order. */
public final class SiteList {

  @XmlAttribute(name = "Default")
  private String isDefault;

  @XmlAttribute(name = "Name")
  private String name;

  @XmlElementRefs({
    @XmlElementRef(type = SpipeSite.class),
    @XmlElementRef(type = HttpSite.class),
    @XmlElementRef(type = FtpSite.class),
    @XmlElementRef(type = UncSite.class)
  })
  @XmlAnyElement
  private List<Object> entries = new ArrayList<>();

  @XmlAnyAttribute private Map<QName, String> otherAttributes = new HashMap<>();

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** Whether the file marks this list as the default one ({@code Default="1"}). */
  public boolean isDefault() {
    return Flag.isSet(isDefault, false);
  }

  String rawDefault() {
    return isDefault;
  }

  public void setDefault(boolean value) {
    this.isDefault = value ? "1" : "0";
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

  public Map<QName, String> otherAttributes() {
    return otherAttributes;
  }
}
