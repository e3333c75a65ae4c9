package io.relayagent.cli.event;

import io.relayagent.agent.control.ControlClient;
import io.relayagent.agent.control.ControlRequest;
import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.agent.AgentQuery;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlEvent;
import io.relayagent.protocol.control.ControlEventQueued;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.WireName;
import io.relayagent.service.StateDirectoryOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code relay-agent event send}: queues one event in the running agent's durable queue, over the
 * control channel (so only a local administrator can). Exit 0 means the event is on disk.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Queue one event in the running agent's durable event queue; it reaches the server at the"
          + " next ASCI (run one now with: relay-agent collect-and-send).",
      "The event's data is one JSON value of at most 2 MiB, given as JSON or read from standard"
          + " input with '-'. With --file, the event is a sample: the file (at most 1 MiB) is read"
          + " by the agent and sent with its name, size and SHA-256; report what it belongs to as a"
          + " separate event naming that SHA-256.",
      "Exit 0 only once the event is forced to disk in the agent's queue."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:queued durably",
      "1:not queued: the agent's queue is full of events of this priority or higher",
      "2:invalid event, or past a limit (event data 2 MiB, sample 1 MiB); nothing queued",
      "3:the agent failed to queue it (it said why)",
      "4:the agent is not running"
    })
public final class EventSendCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private StateDirectoryOption state;
  @Mixin private JsonOption json;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      converter = TypeConverter.class,
      description = "detection, status or sample (the default with --file, and only with it).")
  private EventType type;

  @Option(
      names = "--priority",
      paramLabel = "PRIORITY",
      converter = PriorityConverter.class,
      defaultValue = "normal",
      description = "high, normal or low (default: ${DEFAULT-VALUE}); higher goes first.")
  private EventPriority priority;

  @Option(names = "--file", paramLabel = "SAMPLE", description = "A sample file to send.")
  private Path file;

  @Parameters(
      arity = "0..1",
      paramLabel = "JSON|-",
      description = "The event's data: one JSON value, or '-' to read it from standard input.")
  private String data;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ControlEvent event;
    try {
      event = event();
    } catch (EventInput.InvalidException | IllegalArgumentException | IOException e) {
      err.println("relay-agent: event send: " + e.getMessage() + "; nothing queued");
      return ExitCodes.INVALID_INPUT;
    }
    try {
      Optional<ControlEventQueued> answer =
          AgentQuery.askRefusable(
              state,
              ControlRequest.of(ControlCommands.EVENT_SEND, event),
              ControlEventQueued.class,
              err);
      if (answer.isEmpty()) {
        return AgentQuery.exitCode(state);
      }
      print(answer.get());
      return ExitCodes.OK;
    } catch (ControlClient.RefusedException e) {
      err.println("relay-agent: event send: " + e.getMessage());
      return refusalCode(e.getMessage());
    }
  }

  /** The agent's answer says which refusal it is (see {@code ProductEvents}). */
  private static int refusalCode(String message) {
    if (message.startsWith("event not queued")) {
      return ExitCodes.CHECK_FAILED;
    }
    return message.startsWith("event refused") ? ExitCodes.INVALID_INPUT : ExitCodes.INTERNAL_ERROR;
  }

  private ControlEvent event() throws EventInput.InvalidException, IOException {
    if (file != null) {
      if (type != null && type != EventType.SAMPLE) {
        throw new EventInput.InvalidException(
            "--file sends a sample event; --type " + type.wireName() + " goes without it");
      }
      if (data != null) {
        throw new EventInput.InvalidException(
            "a sample's data is made from its file; give no JSON with --file");
      }
      return new ControlEvent(
          EventType.SAMPLE, priority, null, EventInput.checkSample(file).toString());
    }
    if (type == null) {
      throw new EventInput.InvalidException("--type is required (detection, status or sample)");
    }
    if (data == null) {
      throw new EventInput.InvalidException(
          "the event's JSON is required (or '-' to read it from standard input)");
    }
    String json = data.equals("-") ? EventInput.read(System.in) : data;
    return new ControlEvent(type, priority, EventInput.checkData(json), null);
  }

  private void print(ControlEventQueued queued) {
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(queued));
    } else {
      out.println("queued event " + queued.id() + " (" + queued.queueDepth() + " in the queue)");
    }
    out.flush();
  }

  static <E extends Enum<E> & WireName> E wireName(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.wireName().equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'"
                        + value
                        + "' is not one of "
                        + Arrays.stream(type.getEnumConstants())
                            .map(WireName::wireName)
                            .collect(Collectors.joining(", "))));
  }

  static final class TypeConverter implements ITypeConverter<EventType> {
    @Override
    public EventType convert(String value) {
      return wireName(EventType.class, value);
    }
  }

  static final class PriorityConverter implements ITypeConverter<EventPriority> {
    @Override
    public EventPriority convert(String value) {
      return wireName(EventPriority.class, value);
    }
  }
}
