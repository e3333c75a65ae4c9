package io.relayagent.protocol.control;

/**
 * The commands of the agent's local control channel: one command name on one line, followed for
 * {@link #PROXY_SET} and {@link #EVENT_SEND} by a space and its argument as JSON; the answer is one
 * line of JSON, a {@link ControlStatus}, a {@link ControlRelays}, a {@link ControlProxy} or an
 * {@code ErrorReply}.
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

  /** The agent's proxy and the local setting: a {@link ControlProxy}. */
  public static final String PROXY_SHOW = "proxy-show";

  /**
   * Keeps a local proxy setting, its argument a {@link ControlProxySetting}; refused unless the
   * policy in force allows it ({@code allowUserOverride}). Answered as {@link #PROXY_SHOW}.
   */
  public static final String PROXY_SET = "proxy-set";

  /** Removes the local proxy setting (always allowed), then answers as {@link #PROXY_SHOW}. */
  public static final String PROXY_CLEAR = "proxy-clear";

  /**
   * Stops this host's relay capability (discovery responder, tunnel listeners) until {@link
   * #RELAY_CAPABILITY_START} or the agent restarts, whatever the policy says, as McAfee's service
   * manager stops the relay service on one host. Answered as {@link #STATUS}.
   */
  public static final String RELAY_CAPABILITY_STOP = "relay-capability-stop";

  /** Ends a local stop: relay capability follows the policy again. Answered as {@link #STATUS}. */
  public static final String RELAY_CAPABILITY_START = "relay-capability-start";

  /**
   * Queues an event from a product on the endpoint, its argument a {@link ControlEvent}; answered
   * with a {@link ControlEventQueued} once the event is on disk.
   */
  public static final String EVENT_SEND = "event-send";

  private ControlCommands() {}
}
