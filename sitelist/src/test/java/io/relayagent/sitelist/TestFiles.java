package io.relayagent.sitelist;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the SiteList files under src/test/resources/sitelists. */
final class TestFiles {
  private TestFiles() {}

  static Path sitelist(String name) {
    URL url = TestFiles.class.getResource("/sitelists/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test file " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
