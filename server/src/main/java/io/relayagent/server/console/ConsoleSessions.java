package io.relayagent.server.console;

import io.relayagent.protocol.admin.ConsoleLink;
import io.relayagent.server.console.ConsoleSecretStore.Kind;
import io.relayagent.server.http.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The console's login links and sessions (docs/console.md). An administrator asks the admin API for
 * a link; the link works once, within {@link #LINK_LIFETIME}, and opening it starts a session that
 * lasts {@link #SESSION_LIFETIME} or until logout. Links and sessions are random 256-bit secrets;
 * only their SHA-256 is kept, so a lookup compares hashes (no timing leak of the secret) and a copy
 * of the database or a heap dump shows no usable secret. They are kept in the server's database
 * ({@link ConsoleSecretStore}), so a link issued by one server instance opens a session on another,
 * and a session is valid on every instance behind a load balancer. Both are bounded: a new link or
 * session beyond the bound drops the oldest one.
 */
public final class ConsoleSessions {
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
  public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
  public static final int MAX_LINKS = 16;
  public static final int MAX_SESSIONS = 32;

  private static final int SECRET_BYTES = 32;
  private static final int MAX_SECRET_CHARS = 64;

  private final ConsoleSecretStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ConsoleSessions(ConsoleSecretStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A one-time login link's secret and when it expires. */
  public record Issued(String secret, Instant expires) {}

  /** A new login link. */
  public Issued issueLink() throws IOException {
    return issue(Kind.LINK, LINK_LIFETIME, MAX_LINKS);
  }

  /** A new login link as the admin API answers it: its path on this server and its expiry. */
  public ConsoleLink newLink() throws IOException {
    Issued link = issueLink();
    return new ConsoleLink(ConsolePaths.login(link.secret()), link.expires().toString());
  }

  /**
   * Starts a session for a login link's secret, which is used up whether it was still valid or not;
   * empty if it is unknown, used or expired.
   */
  public Optional<Issued> redeem(String linkSecret) throws IOException {
    String key = key(linkSecret);
    if (key == null) {
      return Optional.empty();
    }
    Optional<Instant> expires = store.take(Kind.LINK, key);
    if (expires.isEmpty() || !clock.instant().isBefore(expires.get())) {
      return Optional.empty();
    }
    return Optional.of(issue(Kind.SESSION, SESSION_LIFETIME, MAX_SESSIONS));
  }

  /** Whether {@code sessionSecret} (a cookie's value; may be null) is a live session. */
  public boolean isValid(String sessionSecret) throws IOException {
    String key = key(sessionSecret);
    if (key == null) {
      return false;
    }
    Optional<Instant> expires = store.find(Kind.SESSION, key);
    if (expires.isEmpty()) {
      return false;
    }
    if (!clock.instant().isBefore(expires.get())) {
      store.take(Kind.SESSION, key);
      return false;
    }
    return true;
  }

  /** Ends a session (logout); nothing happens if it is not one. */
  public void end(String sessionSecret) throws IOException {
    String key = key(sessionSecret);
    if (key != null) {
      store.take(Kind.SESSION, key);
    }
  }

  /** Live sessions now. */
  public int sessions() throws IOException {
    return store.count(Kind.SESSION, clock.instant());
  }

  private Issued issue(Kind kind, Duration lifetime, int bound) throws IOException {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    // Kept to the millisecond, as the store keeps it: what the cookie says is what is checked.
    Instant expires = now.plus(lifetime).truncatedTo(ChronoUnit.MILLIS);
    store.add(kind, key(secret), expires, bound, now);
    return new Issued(secret, expires);
  }

  /** The stored key of a presented secret; null for none or one too long to be ours. */
  private static String key(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_CHARS) {
      return null;
    }
    return HexFormat.of().formatHex(Document.sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
