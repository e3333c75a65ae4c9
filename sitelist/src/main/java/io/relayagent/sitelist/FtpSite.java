package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlRootElement;

/** An FTP repository. */
@XmlRootElement(name = "FTPSite", namespace = "")
public final class FtpSite extends Site {
  @Override
  public SiteKind kind() {
    return SiteKind.FTP;
  }
}
