package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlRootElement;

/** A Windows file share repository (ShareName, RelativePath). */
@XmlRootElement(name = "UNCSite", namespace = "")
public final class UncSite extends Site {
  @Override
  public SiteKind kind() {
    return SiteKind.UNC;
  }
}
