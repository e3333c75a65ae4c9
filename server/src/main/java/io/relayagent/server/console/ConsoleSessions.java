package io.relayagent.server.console;

import io.relayagent.protocol.admin.ConsoleLink;
import io.relayagent.server.http.Document;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's login links and sessions (docs/console.md). An administrator asks the admin API for
 * a link; the link works once, within {@link #LINK_LIFETIME}, and opening it starts a session that
 * lasts {@link #SESSION_LIFETIME} or until logout. Links and sessions are random 256-bit secrets;
 * only their SHA-256 is kept, so a lookup compares hashes (no timing leak of the secret) and a heap
 * dump shows no usable secret. Both tables are bounded: a new link or session beyond the bound
 * drops the oldest one. They live in this server's memory only: a restart logs everyone out, which
 * a read-only console can afford.
 */
public final class ConsoleSessions {
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
  public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
  public static final int MAX_LINKS = 16;
  public static final int MAX_SESSIONS = 32;

  private static final int SECRET_BYTES = 32;
  private static final int MAX_SECRET_CHARS = 64;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // Insertion order is age order: the first entry is the oldest, dropped first.
  private final Map<String, Instant> links = new LinkedHashMap<>();
  private final Map<String, Instant> sessions = new LinkedHashMap<>();

  public ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** A one-time login link's secret and when it expires. */
  public record Issued(String secret, Instant expires) {}

  /** A new login link. */
  public synchronized Issued issueLink() {
    return issue(links, LINK_LIFETIME, MAX_LINKS);
  }

  /** A new login link as the admin API answers it: its path on this server and its expiry. */
  public ConsoleLink newLink() {
    Issued link = issueLink();
    return new ConsoleLink(ConsolePaths.login(link.secret()), link.expires().toString());
  }

  /**
   * Starts a session for a login link's secret, which is used up whether it was still valid or not;
   * empty if it is unknown, used or expired.
   */
  public synchronized Optional<Issued> redeem(String linkSecret) {
    Instant expires = remove(links, linkSecret);
    if (expires == null || !clock.instant().isBefore(expires)) {
      return Optional.empty();
    }
    return Optional.of(issue(sessions, SESSION_LIFETIME, MAX_SESSIONS));
  }

  /** Whether {@code sessionSecret} (a cookie's value; may be null) is a live session. */
  public synchronized boolean isValid(String sessionSecret) {
    String key = key(sessionSecret);
    if (key == null) {
      return false;
    }
    Instant expires = sessions.get(key);
    if (expires == null) {
      return false;
    }
    if (!clock.instant().isBefore(expires)) {
      sessions.remove(key);
      return false;
    }
    return true;
  }

  /** Ends a session (logout); nothing happens if it is not one. */
  public synchronized void end(String sessionSecret) {
    remove(sessions, sessionSecret);
  }

  /** Live sessions now. */
  public synchronized int sessions() {
    forgetExpired(sessions);
    return sessions.size();
  }

  private Issued issue(Map<String, Instant> table, Duration lifetime, int bound) {
    forgetExpired(table);
    while (table.size() >= bound) {
      Iterator<String> oldest = table.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = clock.instant().plus(lifetime);
    table.put(key(secret), expires);
    return new Issued(secret, expires);
  }

  private Instant remove(Map<String, Instant> table, String secret) {
    String key = key(secret);
    return key == null ? null : table.remove(key);
  }

  private void forgetExpired(Map<String, Instant> table) {
    Instant now = clock.instant();
    table.values().removeIf(expires -> !now.isBefore(expires));
  }

  /** The table key of a presented secret; null for none or one too long to be ours. */
  private static String key(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_CHARS) {
      return null;
    }
    return HexFormat.of().formatHex(Document.sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
