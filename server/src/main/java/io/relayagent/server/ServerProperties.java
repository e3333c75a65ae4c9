package io.relayagent.server;

import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.trust.TrustFiles;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the optional {@code server.properties} of a server directory. Every key is optional; a key
 * this version does not know is refused, so a typo is not silently ignored. Paths are relative to
 * the directory.
 */
final class ServerProperties {
  static final String DEFAULT_CRL = "crl.pem";

  private static final Set<String> KEYS =
      Set.of(
          "ca",
          "certificate",
          "privateKey",
          "keyPasswordFile",
          "crl",
          "bind",
          "port",
          "repositoryScanSeconds",
          "ca.directory",
          "enrollment.validity",
          "database.url",
          "database.user",
          "database.passwordFile");

  private ServerProperties() {}

  static ServerSettings load(ServerDirectory dir) throws ServerStartException {
    Path file = dir.properties();
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ServerStartException(file + ": cannot be read: " + e.getMessage(), e);
      }
    }
    for (String key : properties.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new ServerStartException(
            file + ": unknown key \"" + key + "\" (known: " + String.join(", ", KEYS) + ")", null);
      }
    }
    TrustFiles files =
        new TrustFiles(
            List.of(path(dir, properties, "ca", "ca.pem")),
            path(dir, properties, "certificate", "server.pem"),
            path(dir, properties, "privateKey", "server-key.pem"),
            path(dir, properties, "keyPasswordFile", null),
            crl(dir, properties));
    try {
      ServerSettings settings =
          ServerSettings.of(dir.root(), files)
              .withBindAddress(bindAddress(properties))
              .withCaDirectory(path(dir, properties, "ca.directory", null));
      String seconds = properties.getProperty("repositoryScanSeconds");
      if (seconds != null) {
        settings = settings.withRepositoryScanInterval(Duration.ofSeconds(number(seconds, 0)));
      }
      String validity = properties.getProperty("enrollment.validity");
      if (validity != null) {
        settings = settings.withEnrollmentValidity(isoDuration("enrollment.validity", validity));
      }
      String url = properties.getProperty("database.url");
      if (url != null && !url.isBlank()) {
        settings =
            settings.withDatabase(
                new DatabaseSettings(
                    url.trim(),
                    blankToNull(properties.getProperty("database.user")),
                    path(dir, properties, "database.passwordFile", null)));
      } else if (properties.getProperty("database.user") != null
          || properties.getProperty("database.passwordFile") != null) {
        throw new IllegalArgumentException(
            "database.user and database.passwordFile need database.url");
      }
      return settings;
    } catch (IllegalArgumentException e) {
      throw new ServerStartException(file + ": " + e.getMessage(), e);
    }
  }

  /** The CRL file named, or {@code crl.pem} if the directory has one: revocation by default. */
  private static Path crl(ServerDirectory dir, Properties properties) {
    Path named = path(dir, properties, "crl", null);
    if (named != null) {
      return named;
    }
    Path usual = dir.resolve(DEFAULT_CRL);
    return Files.exists(usual) ? usual : null;
  }

  /** An ISO-8601 duration such as {@code P90D} or {@code PT12H}, positive. */
  private static Duration isoDuration(String key, String text) {
    Duration duration;
    try {
      duration = Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          key + " must be an ISO-8601 duration such as P90D, not \"" + text + "\"", e);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, not \"" + text + "\"");
    }
    return duration;
  }

  private static InetSocketAddress bindAddress(Properties properties) {
    String port = properties.getProperty("port");
    int portNumber = port == null ? ServerSettings.DEFAULT_PORT : (int) number(port, 0);
    if (portNumber > 65535) {
      throw new IllegalArgumentException("port " + portNumber + " is out of range");
    }
    String bind = properties.getProperty("bind");
    if (bind == null || bind.isBlank()) {
      return new InetSocketAddress(portNumber);
    }
    return new InetSocketAddress(literal(bind.trim()), portNumber);
  }

  /** An IP literal; the server listens on addresses, and never asks DNS what to listen on. */
  static InetAddress literal(String address) {
    if (!address.matches("[0-9a-fA-F.:]+") || (!address.contains(".") && !address.contains(":"))) {
      throw new IllegalArgumentException("bind must be an IP address, not \"" + address + "\"");
    }
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bind must be an IP address, not \"" + address + "\"", e);
    }
  }

  private static long number(String text, long min) {
    String trimmed = text.trim();
    if (!trimmed.matches("[0-9]{1,9}") || Long.parseLong(trimmed) < min) {
      throw new IllegalArgumentException("\"" + text + "\" is not a whole number");
    }
    return Long.parseLong(trimmed);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Path path(ServerDirectory dir, Properties properties, String key, String name) {
    String value = properties.getProperty(key, name);
    return value == null || value.isBlank() ? null : dir.root().resolve(value.trim());
  }
}
