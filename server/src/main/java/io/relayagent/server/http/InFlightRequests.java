package io.relayagent.server.http;

import java.time.Duration;

/** Counts the requests being answered, so that a stop can wait for them to finish. */
final class InFlightRequests {
  private int count;

  synchronized void begin() {
    count++;
  }

  synchronized void end() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  /**
   * Waits until no request is in flight, or {@code timeout} has passed.
   *
   * @return whether every request finished
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
