package io.relayagent.tests.lan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command (ip, curl, the relay-agent CLI) and fails loudly, with what it printed, when
 * it fails. Output goes through files, so a command that hangs is killed after 30 s instead of
 * blocking a pipe read.
 */
public final class Command {
  private static final long TIMEOUT_SECONDS = 30;

  private Command() {}

  /** What a command printed: standard output and error together, or standard output alone. */
  public record Result(int exitCode, String output) {}

  public static String run(String... command) {
    return run(List.of(command));
  }

  public static String run(List<String> command) {
    return requireSuccess(command, tryRun(command));
  }

  /** Standard output and error together, whatever the exit code (-1: could not run). */
  public static Result tryRun(List<String> command) {
    return execute(command, true);
  }

  /**
   * Standard output alone, for output a caller parses (JSON); fails with both streams when the exit
   * code is not 0.
   */
  public static String stdout(List<String> command) {
    return requireSuccess(command, execute(command, false));
  }

  /**
   * Standard output alone whatever the exit code, for a command that prints its JSON answer also
   * when it reports a failure by its exit code ({@code check-policy} exits 1 when the ASCI failed).
   */
  public static Result tryStdout(List<String> command) {
    return execute(command, false, true);
  }

  private static String requireSuccess(List<String> command, Result result) {
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
    }
    return result.output();
  }

  private static Result execute(List<String> command, boolean mergeErrors) {
    return execute(command, mergeErrors, false);
  }

  private static Result execute(
      List<String> command, boolean mergeErrors, boolean stdoutWhateverTheExitCode) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("command", ".out");
      err = Files.createTempFile("command", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
      if (mergeErrors) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(err.toFile());
      }
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      String output = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0 && !mergeErrors && !stdoutWhateverTheExitCode) {
        // A failure shows what the command said on both streams.
        output = (Files.readString(err, StandardCharsets.UTF_8).trim() + "\n" + output).trim();
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind; nothing else depends on it.
      }
    }
  }
}
