package io.relayagent.agent.identity;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.trust.CaDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The name a host enrolls under, which becomes its agent id: the {@code agent-name} file if the
 * administrator wrote one, else the host name with a random suffix (hosts are often cloned from one
 * image with one name), made once and kept so that every attempt asks for the same name.
 */
final class EnrollmentName {
  private static final int MAX_HOST_PART = 40;

  private EnrollmentName() {}

  static String of(Path nameFile) throws IOException {
    if (Files.exists(nameFile)) {
      String name = Files.readString(nameFile, StandardCharsets.UTF_8).strip();
      try {
        return CaDirectory.checkName(name);
      } catch (IllegalArgumentException e) {
        throw new IOException(nameFile + ": " + e.getMessage(), e);
      }
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String name = hostPart() + "-" + HexFormat.of().formatHex(random);
    AtomicFile.replace(
        nameFile, (name + "\n").getBytes(StandardCharsets.UTF_8), FileAccess.PRIVATE);
    return name;
  }

  /** The machine's host name in letters, digits and hyphens, without asking DNS. */
  private static String hostPart() {
    String host = System.getenv("COMPUTERNAME");
    Path kernel = Path.of("/proc/sys/kernel/hostname");
    try {
      if (Files.isReadable(kernel)) {
        host = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
      }
    } catch (IOException e) {
      // fall back to the environment's name
    }
    if (host == null || host.isBlank()) {
      host = "agent";
    }
    String clean =
        host.toLowerCase(Locale.ROOT)
            .split("\\.")[0]
            .replaceAll("[^a-z0-9-]", "-")
            .replaceAll("^-+", "");
    if (clean.isEmpty()) {
      clean = "agent";
    }
    return clean.length() > MAX_HOST_PART ? clean.substring(0, MAX_HOST_PART) : clean;
  }
}
