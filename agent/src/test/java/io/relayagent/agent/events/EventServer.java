package io.relayagent.agent.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small management server for {@code POST /agent/v1/events}, storing each event once by id as the
 * real server does, and counting every event it receives, duplicates included.
 */
final class EventServer implements AutoCloseable {

  /** How the server answers a batch. */
  enum Mode {
    /** Stores the events and acknowledges them all. */
    ACKNOWLEDGE,
    /** Stores the events, then never answers until {@link #release()} (a lost answer). */
    STORE_THEN_HANG,
    /** Answers 503 without storing anything. */
    UNAVAILABLE
  }

  /** One event as the server stored it; {@code data} as {@link ProtocolJson#readValue} reads it. */
  record Stored(String batchId, String type, String priority, String time, Object data) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Stored> store = new ConcurrentHashMap<>();
  private final List<String> batchIds = new ArrayList<>();
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACKNOWLEDGE);
  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>(new CountDownLatch(1));
  private volatile int acknowledgeAtMost = Integer.MAX_VALUE;
  private volatile int answerDelayMillis;

  EventServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(ServerPaths.EVENTS, this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ServerPaths.EVENTS);
  }

  void mode(Mode newMode) {
    mode.set(newMode);
  }

  /** Acknowledges only the first {@code count} events of each batch (the rest look lost). */
  void acknowledgeAtMost(int count) {
    acknowledgeAtMost = count;
  }

  /**
   * Waits up to this long, at random, between storing a batch and answering: the window in which a
   * crashed agent has been stored but not told so.
   */
  void answerDelayUpTo(int millis) {
    answerDelayMillis = millis;
  }

  /** Lets hanging requests go (they then fail), and arms the next hang. */
  void release() {
    hang.getAndSet(new CountDownLatch(1)).countDown();
  }

  Map<String, Stored> stored() {
    return store;
  }

  int received() {
    return received.get();
  }

  synchronized List<String> batchIds() {
    return List.copyOf(batchIds);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Mode now = mode.get();
      if (now == Mode.UNAVAILABLE) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      EventBatch batch =
          ProtocolJson.read(exchange.getRequestBody().readAllBytes(), 64 << 20, EventBatch.class);
      String batchId = batch.batchId();
      List<String> acknowledged = new ArrayList<>();
      int duplicates = 0;
      for (EventBatch.Event event : batch.events()) {
        String id = event.id();
        received.incrementAndGet();
        Stored stored =
            new Stored(
                batchId,
                event.type().wireName(),
                event.priority().wireName(),
                event.time(),
                ProtocolJson.readValue(event.data().json(), 64 << 20));
        duplicates += store.putIfAbsent(id, stored) == null ? 0 : 1;
        if (acknowledged.size() < acknowledgeAtMost) {
          acknowledged.add(id);
        }
      }
      synchronized (this) {
        batchIds.add(batchId);
      }
      if (now == Mode.STORE_THEN_HANG) {
        hang.get().await();
        return;
      }
      if (answerDelayMillis > 0) {
        Thread.sleep(ThreadLocalRandom.current().nextInt(answerDelayMillis));
      }
      byte[] bytes = ProtocolJson.write(new EventAcknowledgement(acknowledged, duplicates));
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (MalformedJsonException | RuntimeException e) {
      exchange.sendResponseHeaders(400, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
