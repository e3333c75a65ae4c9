package io.relayagent.cli.cert;

import io.relayagent.trust.PasswordFiles;
import io.relayagent.trust.TrustFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the PKCS#12 password comes from: a file or an environment variable, never the command line
 * itself, which every local user can read in the process list.
 */
public final class PasswordOptions {
  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Also write NAME.p12, protected by the password on the first line of FILE.")
  private Path file;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Also write NAME.p12, protected by the password in environment variable VAR.")
  private String variable;

  /** The password, or {@code null} if none was asked for (then no PKCS#12 file is written). */
  char[] password() throws TrustFileException {
    if (file != null && variable != null) {
      throw new IllegalArgumentException("give --password-file or --password-env, not both");
    }
    if (file != null) {
      return PasswordFiles.read(file);
    }
    if (variable != null) {
      String value = System.getenv(variable);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            "the environment variable " + variable + " (--password-env) is not set or empty");
      }
      return value.toCharArray();
    }
    return null;
  }
}
