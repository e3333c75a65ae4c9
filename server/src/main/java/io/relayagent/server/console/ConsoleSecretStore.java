package io.relayagent.server.console;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the console's login links and sessions are kept, by the SHA-256 of their secret, so that a
 * link issued by one server instance opens a session on another and a session made on one is valid
 * on every other.
 */
public interface ConsoleSecretStore {

  /** A login link or a session. */
  enum Kind {
    LINK,
    SESSION
  }

  /**
   * Keeps {@code sha256} until {@code expires}, in one change with dropping those of its kind that
   * expired by {@code now} and the oldest beyond {@code bound} (the new one counted).
   */
  void add(Kind kind, String sha256, Instant expires, int bound, Instant now) throws IOException;

  /**
   * Removes {@code sha256} and answers its expiry; empty if it is not kept, or another caller took
   * it first (so a link is spent once across every instance).
   */
  Optional<Instant> take(Kind kind, String sha256) throws IOException;

  /** The expiry of {@code sha256}, if it is kept. */
  Optional<Instant> find(Kind kind, String sha256) throws IOException;

  /** How many of {@code kind} are kept and not expired at {@code now}. */
  int count(Kind kind, Instant now) throws IOException;
}
