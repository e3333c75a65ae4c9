package io.relayagent.cli;

/** The exit codes of every {@code relay-agent} command, as listed in {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;

  /** A check ran and found a problem (a site missing from a relay's list). */
  public static final int CHECK_FAILED = 1;

  /** Bad usage, or an input file that cannot be read or is invalid (picocli's usage code too). */
  public static final int INVALID_INPUT = 2;

  public static final int INTERNAL_ERROR = 3;

  /** A command that asks the running agent found none (or may not reach it). */
  public static final int NOT_RUNNING = 4;

  private ExitCodes() {}
}
