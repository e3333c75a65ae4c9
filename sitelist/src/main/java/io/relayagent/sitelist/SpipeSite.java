package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlRootElement;

/** A management server or agent handler, reached over HTTPS. */
@XmlRootElement(name = "SpipeSite", namespace = "")
public final class SpipeSite extends Site {
  @Override
  public SiteKind kind() {
    return SiteKind.SPIPE;
  }
}
