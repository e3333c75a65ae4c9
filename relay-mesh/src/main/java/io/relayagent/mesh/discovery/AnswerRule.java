package io.relayagent.mesh.discovery;

import io.relayagent.config.DiscoveryAnswerPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Whether a relay answers a request, and after how long: the later the more loaded it is, so that a
 * less loaded relay answers first and agents, which use the first valid answer, spread over the
 * relays without knowing about each other.
 *
 * <pre>
 * share  = (tunnels open + connections arriving) / capacity
 * spread = agents promised an offer recently / capacity   (see PromisedOffers)
 * draw   = rendezvous hash of (request nonce, relay id), uniform in [0, 1)
 * delay  = loadDelay * min(1, share + spread * draw)      (+ loadDelay when busy and answering)
 * </pre>
 *
 * <p>The spread is what handles a storm. When a thousand agents ask at once, every relay answers
 * them all before any has connected: the open tunnels are the same everywhere, and so is the number
 * of offers made, so neither alone orders the relays differently, and every agent would land on the
 * relay that happens to answer fastest. The draw orders equally loaded relays differently for each
 * request (each relay draws its own number for the agent's nonce, as rendezvous hashing does), and
 * the spread gives the draw room in proportion to how many agents are asking: nothing when one
 * agent asks, up to the whole delay when a storm the size of the relay's capacity does. As the
 * agents' connections arrive, the relays they chose answer later still.
 *
 * <p>Silent: a relay that cannot reach its upstream, is full (tunnels open at capacity), or is busy
 * (CPU, battery) unless its policy lets it answer after every relay that is not busy.
 */
final class AnswerRule {

  /** The outcome for one request: silent (with the reason, for the log) or an answer's delay. */
  record Answer(long delayNanos, String silence) {
    static Answer after(long delayNanos) {
      return new Answer(delayNanos, null);
    }

    static Answer silent(String why) {
      return new Answer(-1, why);
    }

    boolean answers() {
      return silence == null;
    }
  }

  private AnswerRule() {}

  /**
   * @param promised offers made recently and not yet followed by a connection
   * @param draw this relay's number for this request, in [0, 1) ({@link #draw})
   */
  static Answer decide(
      RelayStatus status, DiscoveryAnswerPolicy policy, double promised, double draw) {
    if (!status.upstreamReachable()) {
      return Answer.silent("no site of its SiteList answered the last probe");
    }
    if (status.load() >= status.capacity()) {
      return Answer.silent("full: " + status.load() + " of " + status.capacity() + " tunnels");
    }
    if (status.isBusy() && !policy.answerWhenBusy()) {
      return Answer.silent("busy: " + busyReasons(status.busy()));
    }
    long full = policy.loadDelay().toNanos();
    double share = (double) (status.load() + status.arriving()) / status.capacity();
    double spread = promised / status.capacity();
    double fraction = Math.min(1, share + Math.min(1, spread) * draw);
    return Answer.after(Math.round(full * fraction) + (status.isBusy() ? full : 0));
  }

  /**
   * A number in [0, 1) for a request and a relay: the same for the same pair, independent between
   * relays for one request. SHA-256 makes it so whatever nonces agents choose; an agent that picks
   * its nonce to favour one relay gains nothing it could not get by connecting there directly.
   */
  static double draw(byte[] nonce, String relayId) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    sha.update(nonce);
    sha.update(relayId.getBytes(StandardCharsets.US_ASCII));
    long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
    return bits / (double) (1L << 53);
  }

  /** "CPU", "battery" or both, for the log. */
  static String busyReasons(int busy) {
    StringBuilder reasons = new StringBuilder();
    if ((busy & DiscoveryProtocol.BUSY_CPU) != 0) {
      reasons.append("CPU above its threshold");
    }
    if ((busy & DiscoveryProtocol.BUSY_ON_BATTERY) != 0) {
      reasons.append(reasons.length() > 0 ? ", " : "").append("on battery");
    }
    return reasons.toString();
  }
}
