package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlRootElement;

/** An HTTP(S) repository; its content lies under RelativePath. */
@XmlRootElement(name = "HttpSite", namespace = "")
public final class HttpSite extends Site {
  @Override
  public SiteKind kind() {
    return SiteKind.HTTP;
  }
}
