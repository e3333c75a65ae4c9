package io.relayagent.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.control.ControlCertificate;
import io.relayagent.protocol.control.ControlCommands;
import io.relayagent.protocol.control.ControlProxy;
import io.relayagent.protocol.control.ControlProxySetting;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelayFailure;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.control.ControlStatus;
import io.relayagent.protocol.control.ControlWakeup;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import io.relayagent.protocol.json.Fields;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control channel end to end: the agent's answers, read as the CLI reads them. */
class ControlChannelTest {
  private static final ControlStatus STATUS =
      new ControlStatus(
          "agent-1",
          "relay",
          "relay relay-2",
          "mgmt.example.com:443",
          "2026-03-02T10:00:00Z",
          "ok",
          3,
          0,
          "\"p1\"",
          7,
          new RelayCapabilityStatus(true, true, 8083, 2, false, 0),
          new ControlCertificate(
              "enrolled",
              "agent-1",
              "agent",
              "2027-03-02T10:00:00Z",
              "2026-11-02T10:00:00Z",
              "ab12"),
          new ControlProxy(
              "local",
              new ControlProxySetting("manual", "proxy.example", 3128, List.of("10.0.0.0/8")),
              true,
              "applied",
              new ControlProxySetting("manual", "proxy.example", 3128, List.of("10.0.0.0/8"))),
          new ControlWakeup("relay relay-2", "2026-03-02T10:00:01Z", "2026-03-02T10:20:00Z", null));

  @TempDir Path dir;
  private ControlServer server;

  @Test
  void ask_readsTheTypedAnswer() throws IOException {
    ControlRelays relays =
        new ControlRelays(
            List.of(
                new ControlRelay(
                    "relay-2",
                    "10.0.0.2",
                    8083,
                    "discovered",
                    1.25,
                    "2026-03-02T09:00:00Z",
                    null,
                    "cached",
                    1,
                    500,
                    new ControlRelayFailure(
                        "upstream-failed",
                        "502: connection refused by epo.example.test:443",
                        "2026-03-02T09:30:00Z"))));

    serve(command -> answer(command, relays));

    assertThat(ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
        .isEqualTo(STATUS);
    assertThat(ControlClient.ask(dir, ControlCommands.RELAYS, ControlRelays.class))
        .isEqualTo(relays);
  }

  @Test
  void ask_errorAnswer_isRefusedWithTheAgentsMessage() throws IOException {
    serve(command -> ProtocolJson.writeString(new ErrorReply("unknown command: " + command)));

    assertThatThrownBy(() -> ControlClient.ask(dir, "nonsense", ControlStatus.class))
        .isInstanceOf(ControlClient.RefusedException.class)
        .hasMessage("unknown command: nonsense");
  }

  @Test
  void ask_commandThatFailsInTheAgent_isAnErrorAnswerWithValidJson() throws IOException {
    serve(
        command -> {
          throw new IllegalStateException("broken \"quote\"");
        });

    assertThatThrownBy(() -> ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
        .isInstanceOf(ControlClient.RefusedException.class)
        .hasMessageContaining("broken \"quote\"");
  }

  @Test
  void ask_answerOfTheWrongShape_isAnError() throws IOException {
    serve(command -> "{\"agentId\":5}");

    assertThatThrownBy(() -> ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("agentId: must be a string");
  }

  @Test
  void ask_whileAnotherClientSendsNothing_isAnsweredAtOnce() throws Exception {
    serve(command -> ProtocolJson.writeString(STATUS));
    try (SocketChannel idle = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      idle.connect(UnixDomainSocketAddress.of(ControlSocket.path(dir)));

      long start = System.nanoTime();
      assertThat(ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
          .isEqualTo(STATUS);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("not held up by the idle client")
          .isLessThan(ControlServer.REQUEST_DEADLINE);
    }
  }

  @Test
  void ask_whileALongCommandRuns_statusIsAnsweredAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    serve(
        command -> {
          if (command.equals(ControlCommands.CHECK_POLICY)) {
            try {
              release.await(30, TimeUnit.SECONDS); // an ASCI on request, still running
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return ProtocolJson.writeString(STATUS);
        });
    CompletableFuture<ControlStatus> longOne =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ControlClient.ask(dir, ControlCommands.CHECK_POLICY, ControlStatus.class);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      assertThat(ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
          .isEqualTo(STATUS);
      assertThat(longOne).isNotDone();
    } finally {
      release.countDown();
    }
    assertThat(longOne.get(10, TimeUnit.SECONDS)).isEqualTo(STATUS);
  }

  @Test
  void serve_clientThatNeverFinishesItsLine_isDroppedAfterTheDeadline() throws Exception {
    serve(command -> ProtocolJson.writeString(STATUS));
    try (SocketChannel idle = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      idle.connect(UnixDomainSocketAddress.of(ControlSocket.path(dir)));
      idle.write(ByteBuffer.wrap("sta".getBytes(StandardCharsets.UTF_8)));

      ByteBuffer buffer = ByteBuffer.allocate(16);
      long start = System.nanoTime();
      assertThat(idle.read(buffer)).as("closed by the agent").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(ControlServer.REQUEST_DEADLINE.plusSeconds(5));
    }
  }

  @Test
  void ask_withAnArgumentOfTheLargestSetting_theAgentReadsItWhole() throws IOException {
    AtomicReference<String> received = new AtomicReference<>();
    serve(
        line -> {
          received.set(line);
          return ProtocolJson.writeString(STATUS.proxy());
        });
    List<String> bypass = new ArrayList<>();
    for (int i = 0; i < ControlProxySetting.MAX_BYPASS; i++) {
      bypass.add(String.format("%03d", i) + "x".repeat(Fields.MAX_TEXT - 3));
    }
    ControlProxySetting setting = new ControlProxySetting("manual", "proxy.example", 3128, bypass);

    assertThat(
            ControlClient.ask(
                dir, ControlRequest.of(ControlCommands.PROXY_SET, setting), ControlProxy.class))
        .isEqualTo(STATUS.proxy());
    ControlRequest request = ControlRequest.parse(received.get());
    assertThat(request.command()).isEqualTo(ControlCommands.PROXY_SET);
    assertThat(request.argument(ControlProxySetting.class)).isEqualTo(setting);
  }

  @Test
  void ask_noAgent_isNotRunning() {
    assertThatThrownBy(() -> ControlClient.ask(dir, ControlCommands.STATUS, ControlStatus.class))
        .isInstanceOf(ControlClient.NotRunningException.class);
  }

  private void serve(Function<String, String> commands) throws IOException {
    server = ControlServer.start(dir, commands);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String answer(String command, ControlRelays relays) {
    return ProtocolJson.writeString(command.equals(ControlCommands.STATUS) ? STATUS : relays);
  }
}
