package io.relayagent.demo;

import java.io.PrintWriter;

/** Prints the demo's story as it happens, each line with the seconds since the start. */
final class DemoNarrator {
  private final PrintWriter out;
  private final long start = System.nanoTime();

  DemoNarrator(PrintWriter out) {
    this.out = out;
  }

  synchronized void step(String text) {
    out.printf("[%6.2fs] %s%n", elapsed(), text);
    out.flush();
  }

  synchronized void agent(String text) {
    out.printf("[%6.2fs]     agent: %s%n", elapsed(), text);
    out.flush();
  }

  synchronized void summary(DemoReport report) {
    out.println();
    out.println("Summary");
    out.printf("  direct path failed first ........ %s%n", report.directFailed() ? "yes" : "NO");
    out.printf("  relays that answered, in order .. %s%n", report.offers());
    out.printf("  first tunnel through ............ %s%n", report.firstRelay());
    out.printf("  policy fetched and applied ...... %s%n", report.policyApplied() ? "yes" : "NO");
    out.printf("  events stored by the server ..... %d%n", report.eventsStored());
    out.printf("  content installed (verified) .... %s%n", report.contentInstalled());
    out.printf(
        "  after stopping %s, failed over to %s (%s)%n",
        report.firstRelay(), report.failoverRelay(), report.failoverOutcome());
    out.flush();
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }
}
