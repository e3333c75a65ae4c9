package io.relayagent.server.agent;

import io.relayagent.server.http.Document;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.sitelist.SupersetCheck;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SiteLists the server hands out, each exactly as stored: the relays' list ({@code
 * RelaySiteList.xml}) to every host with a relay's certificate, an agent's own list ({@code
 * sitelists/<agent id>.xml}) to that agent, and the base list ({@code SiteList.xml}) to every other
 * agent (and to relays when there is no relays' list).
 *
 * <p>A relay forwards only to the sites of its own list, so the relays' list must cover every
 * agent's list. The server checks that itself ({@link SupersetCheck}) whenever a list changes: at
 * start, where a failure stops the server, and on a live edit, where it refuses the whole change,
 * names the file and the site in its log, and goes on serving the last good lists until the files
 * agree again. A list that does not parse is kept out the same way ({@link WatchedFile}).
 *
 * <p>The files are compared with what was read each time a list is served, as {@link WatchedFile}
 * does: an edit is seen by the next request.
 */
final class SiteListFiles {
  private static final Logger log = LoggerFactory.getLogger(SiteListFiles.class);
  private static final String XML = "application/xml";
  private static final Pattern OWN_FILE =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,63})\\.xml");

  /** Agents' own lists read at most: a bound on the work of each check. */
  static final int MAX_OWN_LISTS = 10_000;

  /** The file of the relays' list, in the server's directory. */
  static final String RELAYS_FILE = "RelaySiteList.xml";

  /** The directory of agents' own lists, in the server's directory. */
  static final String OWN_DIRECTORY = "sitelists";

  /** One list as served: its file's name for messages, what it says, and the document. */
  private record Served(String name, WatchedFile.Loaded<SiteLists> loaded, Document document) {
    static Served of(String name, WatchedFile.Loaded<SiteLists> loaded, Served before) {
      if (loaded == null) {
        return null;
      }
      if (before != null && before.loaded() == loaded) {
        return before;
      }
      return new Served(name, loaded, Document.of(loaded.content(), XML));
    }
  }

  /** Lists that passed the check together; each may be null (no such file). */
  private record Lists(Served base, Served relays, Map<String, Served> own) {

    /** The list relays get and forward by. */
    Served relayList() {
      return relays != null ? relays : base;
    }

    boolean sameAs(Lists other) {
      return other != null
          && same(base, other.base)
          && same(relays, other.relays)
          && own.keySet().equals(other.own.keySet())
          && own.entrySet().stream()
              .allMatch(entry -> same(entry.getValue(), other.own.get(entry.getKey())));
    }

    private static boolean same(Served a, Served b) {
      return a == null ? b == null : b != null && a.loaded() == b.loaded();
    }
  }

  private final String baseName;
  private final WatchedFile<SiteLists> base;
  private final WatchedFile<SiteLists> relays;
  private final Path ownDirectory;
  private final Map<String, WatchedFile<SiteLists>> ownFiles = new HashMap<>();
  private Lists served;
  private String lastRefusal;

  SiteListFiles(Path baseFile, Path relaysFile, Path ownDirectory) {
    this.baseName = baseFile.getFileName().toString();
    this.base = watched(baseFile);
    this.relays = watched(relaysFile);
    this.ownDirectory = ownDirectory;
  }

  /**
   * Reads every list and checks them: a list that does not parse, or an agent's site outside the
   * relays' list, keeps the server from starting.
   */
  synchronized void load() throws XmlFileException, IOException {
    base.load();
    relays.load();
    for (Map.Entry<String, Path> own : ownListFiles().entrySet()) {
      WatchedFile<SiteLists> file = watched(own.getValue());
      file.load();
      ownFiles.put(own.getKey(), file);
    }
    Lists lists = read();
    List<SupersetCheck.MissingSite> missing = check(lists);
    if (!missing.isEmpty()) {
      throw new IOException(refusal(lists, missing, "the server does not start with them"));
    }
    served = lists;
  }

  /**
   * The list for one host, or empty when there is none for it.
   *
   * @param relay whether the host has a relay's certificate
   */
  synchronized Optional<Document> forHost(String hostId, boolean relay) {
    Lists lists = current();
    Served list = relay ? lists.relayList() : lists.own().getOrDefault(hostId, lists.base());
    return Optional.ofNullable(list).map(Served::document);
  }

  /** The lists in force: the files as they are now if they pass the check, else the last good. */
  private Lists current() {
    try {
      syncOwnFiles();
    } catch (IOException e) {
      log.warn(
          "{}: cannot be listed ({}); serving the last good lists", ownDirectory, e.toString());
      return served;
    }
    Lists lists = read();
    if (lists.sameAs(served)) {
      return served;
    }
    List<SupersetCheck.MissingSite> missing = check(lists);
    if (!missing.isEmpty()) {
      String refusal = refusal(lists, missing, "the last good lists are still served");
      if (!refusal.equals(lastRefusal)) {
        log.error("{}", refusal);
        lastRefusal = refusal;
      }
      return served;
    }
    lastRefusal = null;
    log.info(
        "SiteLists changed and checked: {} covers {} agent list(s); the new lists are served",
        lists.relayList() == null ? "no list" : lists.relayList().name(),
        lists.own().size() + (lists.base() == null ? 0 : 1));
    served = lists;
    return served;
  }

  /** Follows the files of {@link #OWN_DIRECTORY}: new ones are watched, removed ones dropped. */
  private void syncOwnFiles() throws IOException {
    Map<String, Path> present = ownListFiles();
    ownFiles.keySet().retainAll(present.keySet());
    for (Map.Entry<String, Path> own : present.entrySet()) {
      if (!ownFiles.containsKey(own.getKey())) {
        WatchedFile<SiteLists> file = watched(own.getValue());
        try {
          file.load();
        } catch (XmlFileException e) {
          log.error(
              "{} is not a valid SiteList; it is not served until it is fixed:", own.getValue());
          e.problems().forEach(problem -> log.error("{}", problem));
        } catch (IOException e) {
          log.error(
              "{} cannot be read; it is not served until it can: {}",
              own.getValue(),
              e.getMessage());
        }
        ownFiles.put(own.getKey(), file);
      }
    }
  }

  private Map<String, Path> ownListFiles() throws IOException {
    Map<String, Path> files = new TreeMap<>();
    if (!Files.isDirectory(ownDirectory)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(ownDirectory, "*.xml")) {
      for (Path entry : entries) {
        Matcher name = OWN_FILE.matcher(entry.getFileName().toString());
        if (name.matches() && Files.isRegularFile(entry)) {
          if (files.size() == MAX_OWN_LISTS) {
            throw new IOException(
                ownDirectory + " holds more than " + MAX_OWN_LISTS + " SiteLists");
          }
          files.put(name.group(1), entry);
        }
      }
    }
    return files;
  }

  private Lists read() {
    Lists before = served;
    Map<String, Served> own = new LinkedHashMap<>();
    ownFiles.forEach(
        (id, file) -> {
          Served list =
              Served.of(
                  OWN_DIRECTORY + "/" + id + ".xml",
                  file.current().orElse(null),
                  before == null ? null : before.own().get(id));
          if (list != null) {
            own.put(id, list);
          }
        });
    return new Lists(
        Served.of(baseName, base.current().orElse(null), before == null ? null : before.base()),
        Served.of(
            RELAYS_FILE, relays.current().orElse(null), before == null ? null : before.relays()),
        own);
  }

  /** Every agent's site the relays' list does not cover; none without a list for relays. */
  private static List<SupersetCheck.MissingSite> check(Lists lists) {
    Served relayList = lists.relayList();
    if (relayList == null) {
      return List.of();
    }
    List<SupersetCheck.AgentList> agents = new ArrayList<>();
    if (lists.base() != null) {
      agents.add(new SupersetCheck.AgentList(lists.base().name(), lists.base().loaded().value()));
    }
    lists
        .own()
        .values()
        .forEach(own -> agents.add(new SupersetCheck.AgentList(own.name(), own.loaded().value())));
    return SupersetCheck.check(relayList.loaded().value(), agents).missing();
  }

  private static String refusal(
      Lists lists, List<SupersetCheck.MissingSite> missing, String consequence) {
    return "SiteLists refused: the relays' list "
        + lists.relayList().name()
        + " does not cover every agent's list, and a relay forwards only to its own sites ("
        + consequence
        + "):\n"
        + missing.stream().map(site -> "  " + site).collect(Collectors.joining("\n"));
  }

  private static WatchedFile<SiteLists> watched(Path file) {
    return new WatchedFile<>(file, SiteListReader.MAX_FILE_BYTES, SiteListReader::parse);
  }
}
