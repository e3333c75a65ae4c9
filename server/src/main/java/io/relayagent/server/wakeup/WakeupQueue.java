package io.relayagent.server.wakeup;

import io.relayagent.protocol.wakeup.WakeupOutcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The wake-ups one server instance hands to another: the instance asked through writes each signed
 * wake-up for the instance that holds its agents' polls; that one takes it, delivers it on its
 * polls and answers with each agent's outcome. An ask is taken or withdrawn once, never both, so
 * its asker reports exactly what happened.
 */
public interface WakeupQueue {

  /** A wake-up asked of an instance: its agents there, and the signed wake-up's JSON. */
  record Asked(long id, List<String> agents, byte[] wakeup) {}

  /**
   * Asks {@code holder} to deliver {@code wakeup} to {@code agents}, and signals it; the ask's id.
   */
  long ask(String holder, List<String> agents, byte[] wakeup, Instant now) throws IOException;

  /** Takes the asks of {@code holder} that nobody took or withdrew, oldest first. */
  List<Asked> take(String holder) throws IOException;

  /** Answers a taken ask with each of its agents' outcomes, in its agents' order. */
  void answer(long id, List<WakeupOutcome> outcomes) throws IOException;

  /** The outcomes of those of {@code ids} that were answered, by id. */
  Map<Long, List<WakeupOutcome>> answers(Collection<Long> ids) throws IOException;

  /** Withdraws an ask its holder has not taken; whether it was withdrawn (false: it was taken). */
  boolean withdraw(long id) throws IOException;

  /** Removes the asks made before {@code before}. */
  void forgetBefore(Instant before) throws IOException;

  /**
   * Waits until an ask may have been made (a signal from the database), or {@code timeout} passed.
   */
  void awaitAsk(Duration timeout) throws InterruptedException;
}
