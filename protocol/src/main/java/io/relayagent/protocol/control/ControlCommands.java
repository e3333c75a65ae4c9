package io.relayagent.protocol.control;

/**
 * The commands of the agent's local control channel: one command name on one line; the answer is
 * one line of JSON, a {@link ControlStatus}, a {@link ControlRelays} or an {@code ErrorReply}.
 */
public final class ControlCommands {
  /** Answered with a {@link ControlStatus}. */
  public static final String STATUS = "status";

  /** The relays the agent knows, in the order it tries them: a {@link ControlRelays}. */
  public static final String RELAYS = "relays";

  /** Discovers relays now, then answers as {@link #RELAYS}. */
  public static final String DISCOVER = "discover";

  /** Runs an ASCI now (McAfee's {@code cmdagent -p}), then answers as {@link #STATUS}. */
  public static final String COLLECT_AND_SEND = "collect-and-send";

  /** Runs an ASCI now (McAfee's {@code cmdagent -c}), then answers as {@link #STATUS}. */
  public static final String CHECK_POLICY = "check-policy";

  private ControlCommands() {}
}
