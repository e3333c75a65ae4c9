package io.relayagent.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * Which database the server keeps its state in: SQLite in the server's directory unless an
 * administrator names another ({@code --database jdbc:postgresql://host:port/db}).
 *
 * @param url the JDBC URL; {@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}
 * @param user the user to connect as, or {@code null} (SQLite, or a user in the URL)
 * @param passwordFile a file whose first line is the password, readable by its owner alone, or
 *     {@code null}: a password never goes on a command line, where every local user can read it
 */
public record DatabaseSettings(String url, String user, Path passwordFile) {
  /** The file of the default database, in the server's directory. */
  public static final String SQLITE_FILE = "server.db";

  private static final int MAX_PASSWORD_BYTES = 4096;

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Vendor.of(url); // refuses a database the server has no schema for
  }

  /** SQLite in {@code dir}, the default. */
  public static DatabaseSettings sqliteIn(Path dir) {
    return new DatabaseSettings("jdbc:sqlite:" + dir.resolve(SQLITE_FILE), null, null);
  }

  /** The same database as {@code user}, with the password in {@code file}. */
  public DatabaseSettings withCredentials(String newUser, Path file) {
    return new DatabaseSettings(url, newUser, file);
  }

  public Vendor vendor() {
    return Vendor.of(url);
  }

  /**
   * The password from {@link #passwordFile()}, or {@code null} if there is none.
   *
   * @throws IOException if the file cannot be read, is too large, or others may read it
   */
  String password() throws IOException {
    if (passwordFile == null) {
      return null;
    }
    if (Files.size(passwordFile) > MAX_PASSWORD_BYTES) {
      throw new IOException(passwordFile + ": larger than a password file can be");
    }
    if (Files.getFileStore(passwordFile).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(passwordFile);
      if (permissions.stream().anyMatch(p -> !p.name().startsWith("OWNER_"))) {
        throw new IOException(
            passwordFile + ": others may read this password file; make it owner-only (chmod 600)");
      }
    }
    String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
    int end = content.indexOf('\n');
    return (end < 0 ? content : content.substring(0, end)).strip();
  }

  /** The URL without its parameters, which may hold a password: for logs and messages. */
  public static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  /** The databases the server has a schema for. */
  public enum Vendor {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
    POSTGRESQL("BIGSERIAL PRIMARY KEY");

    private final String serialKey;

    Vendor(String serialKey) {
      this.serialKey = serialKey;
    }

    /** The column type of a key the database numbers in insertion order, never reusing one. */
    String serialKey() {
      return serialKey;
    }

    static Vendor of(String url) {
      if (url.startsWith("jdbc:sqlite:")) {
        return SQLITE;
      }
      if (url.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      throw new IllegalArgumentException(
          "the database must be jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, not "
              + redacted(url));
    }
  }
}
