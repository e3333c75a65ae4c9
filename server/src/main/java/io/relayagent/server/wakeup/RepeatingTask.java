package io.relayagent.server.wakeup;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one step after another until it is closed, for the work an instance
 * does with the database in the background. A step that fails is logged once, not at every attempt,
 * until one succeeds again; after a failure the thread pauses before the next step, so a database
 * that is down is not asked in a tight loop.
 */
final class RepeatingTask implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RepeatingTask.class);

  /** One step; it may block (waiting for work) and is interrupted when the task closes. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException, InterruptedException;
  }

  private final String what;
  private final Duration pause;
  private final Step step;
  private final Thread thread;
  private volatile boolean closed;
  private boolean failing;

  /**
   * @param what what a step does, for the log ("note wake-up polls in the database")
   */
  RepeatingTask(String threadName, String what, Duration pause, Step step) {
    this.what = what;
    this.pause = pause;
    this.step = step;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    while (!closed) {
      try {
        step.run();
        if (failing) {
          log.info("able to {} again", what);
          failing = false;
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (!failing) {
          log.warn("cannot {}: {}", what, e.getMessage());
          failing = true;
        }
        try {
          TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** Stops after the step under way (interrupted if it waits), within a few seconds at most. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
