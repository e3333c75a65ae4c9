package io.relayagent.server.agent;

import io.relayagent.server.http.Document;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The SiteList handed to agents: the server's SiteList.xml exactly as stored, once it is valid. */
final class SiteListDocument {
  private static final String XML = "application/xml";

  private final WatchedFile<SiteLists> file;
  private WatchedFile.Loaded<SiteLists> builtFrom;
  private Document built;

  SiteListDocument(Path path) {
    this.file = new WatchedFile<>(path, SiteListReader.MAX_FILE_BYTES, SiteListReader::parse);
  }

  void load() throws XmlFileException, IOException {
    file.load();
  }

  /** The document, or empty when the server has no SiteList. */
  synchronized Optional<Document> current() {
    Optional<WatchedFile.Loaded<SiteLists>> loaded = file.current();
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    if (loaded.get() != builtFrom) {
      builtFrom = loaded.get();
      built = Document.of(builtFrom.content(), XML);
    }
    return Optional.of(built);
  }
}
