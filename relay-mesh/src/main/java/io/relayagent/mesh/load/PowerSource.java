package io.relayagent.mesh.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the host runs on battery, as Linux's power-supply class tells it: {@code
 * /sys/class/power_supply/<name>/type} is {@code Mains}, {@code USB} or {@code Battery}; a mains or
 * USB supply says {@code online} 1 when it powers the host, a battery says {@code status} {@code
 * Discharging} when it does. The host is on battery when a battery discharges and no mains or USB
 * supply is online; a host without a battery (a desktop, a server, a virtual machine) never is.
 *
 * <p>Other systems have no such directory and are never on battery here. On Windows the answer is
 * {@code GetSystemPowerStatus} ({@code ACLineStatus} 0 is "offline", on battery), a kernel32 call
 * Java cannot make without native access; it is left out until it can be tested there.
 *
 * <p>Each file is read with a small bound; an unreadable one counts as absent.
 */
public final class PowerSource {

  private static final Logger log = LoggerFactory.getLogger(PowerSource.class);

  /** Where Linux lists its power supplies. */
  public static final Path LINUX = Path.of("/sys/class/power_supply");

  private static final int MAX_FILE_BYTES = 64;
  private static final int MAX_SUPPLIES = 64;

  private final Path root;

  /**
   * @param root the power-supply directory: {@link #LINUX}, or a directory laid out like it
   */
  public PowerSource(Path root) {
    this.root = root;
  }

  /** Reads the supplies now; a blocking read of a few small files. */
  public boolean onBattery() {
    if (!Files.isDirectory(root)) {
      return false;
    }
    boolean discharging = false;
    boolean mainsOnline = false;
    int seen = 0;
    try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
      for (Path supply : supplies) {
        if (++seen > MAX_SUPPLIES) {
          break;
        }
        switch (read(supply.resolve("type"))) {
          case "battery" -> discharging |= read(supply.resolve("status")).equals("discharging");
          case "mains", "usb" -> mainsOnline |= read(supply.resolve("online")).equals("1");
          default -> {} // UPS, wireless: neither decides here
        }
      }
    } catch (IOException e) {
      log.debug("cannot list {}: {}", root, e.toString());
      return false;
    }
    return discharging && !mainsOnline;
  }

  /** The file's first line, trimmed and in lower case; empty when it cannot be read. */
  private static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.US_ASCII);
      int end = text.indexOf('\n');
      return (end >= 0 ? text.substring(0, end) : text).trim().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "";
    }
  }
}
