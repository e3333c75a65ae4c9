package io.relayagent.sitelist;

/** The kinds of site a SiteList holds, with their element names and default ports. */
public enum SiteKind {
  /** A management server or agent handler; agents speak HTTPS to it. */
  SPIPE("SpipeSite", 443),
  HTTP("HttpSite", 80),
  FTP("FTPSite", 21),
  UNC("UNCSite", 445);

  private final String elementName;
  private final int defaultPort;

  SiteKind(String elementName, int defaultPort) {
    this.elementName = elementName;
    this.defaultPort = defaultPort;
  }

  /** The element name in SiteList.xml. */
  public String elementName() {
    return elementName;
  }

  /** The port used when a site's addresses give none. */
  public int defaultPort() {
    return defaultPort;
  }
}
