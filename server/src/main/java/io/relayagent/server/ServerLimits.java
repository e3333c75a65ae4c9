package io.relayagent.server;

import java.time.Duration;

/**
 * What one request may cost the server: every input from the network is bounded in size and time.
 *
 * @param maxRequestLine the request line, in bytes
 * @param maxHeaderBytes all header fields together, in bytes (with the request line: the head)
 * @param maxBodyBytes a request body (an event batch is the largest)
 * @param maxSmallBodyBytes the body of a status report or an administrator's request
 * @param maxEventsPerBatch the events of one batch
 * @param requestTimeout how long a connection may take to send a whole request, head and body,
 *     counted from when the server is ready for it; an idle keep-alive connection is closed then
 *     too
 * @param idleTimeout how long an answer may make no progress (a client that stopped reading)
 * @param wakeupHold how long an agent's wake-up poll waits before its {@code 204}: under the idle
 *     timeouts on its way (a relay's tunnel, 300 s by default; cloud NATs and load balancers,
 *     240-350 s), and long enough that an idle agent costs a few packets a minute (docs/wakeup.md)
 * @param stopTimeout how long a stop waits for requests in flight
 * @param workerThreads threads for the work that blocks: disk writes with fsync, hashing files
 */
public record ServerLimits(
    int maxRequestLine,
    int maxHeaderBytes,
    int maxBodyBytes,
    int maxSmallBodyBytes,
    int maxEventsPerBatch,
    Duration requestTimeout,
    Duration idleTimeout,
    Duration wakeupHold,
    Duration stopTimeout,
    int workerThreads) {

  public ServerLimits {
    if (maxRequestLine < 256 || maxHeaderBytes < 1024 || maxSmallBodyBytes < 1024) {
      throw new IllegalArgumentException("limits too small to serve any request");
    }
    if (maxBodyBytes < maxSmallBodyBytes || maxEventsPerBatch < 1 || workerThreads < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    for (Duration duration :
        new Duration[] {requestTimeout, idleTimeout, wakeupHold, stopTimeout}) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }

  /**
   * A head of at most 8 KiB, batches of 1000 events and 4 MiB, 30 s to send a request, wake-up
   * polls held 180 s.
   */
  public static ServerLimits defaults() {
    return new ServerLimits(
        2 * 1024,
        6 * 1024,
        4 * 1024 * 1024,
        64 * 1024,
        1000,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(180),
        Duration.ofSeconds(10),
        8);
  }

  public ServerLimits withRequestTimeout(Duration timeout) {
    return new ServerLimits(
        maxRequestLine,
        maxHeaderBytes,
        maxBodyBytes,
        maxSmallBodyBytes,
        maxEventsPerBatch,
        timeout,
        idleTimeout,
        wakeupHold,
        stopTimeout,
        workerThreads);
  }
}
