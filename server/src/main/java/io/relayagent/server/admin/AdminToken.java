package io.relayagent.server.admin;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.server.http.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's credential: a random token (256 bits, base64url) kept in a file only its
 * owner can read, made at the server's first start. Requests present it as {@code Authorization:
 * Bearer <token>}; it is compared in constant time, through SHA-256 so that even its length does
 * not leak.
 */
public final class AdminToken {
  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
  private static final String BEARER = "Bearer ";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

  private final String token;
  private final byte[] hash;

  private AdminToken(String token) {
    this.token = token;
    this.hash = hash(token);
  }

  /**
   * The token in {@code file}, made first if there is none.
   *
   * @throws IOException if the file cannot be read or written, or others may read it
   */
  public static AdminToken loadOrCreate(Path file) throws IOException {
    if (Files.notExists(file)) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        AtomicFile.create(
            file, (token + "\n").getBytes(StandardCharsets.US_ASCII), FileAccess.SECRET);
        log.info("made the administrator token {} (owner-only)", file);
      } catch (FileAlreadyExistsException e) {
        // Made meanwhile by another process: use that one.
      }
    }
    checkOwnerOnly(file);
    String token = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
    if (token.length() < 16) {
      throw new IOException(file + ": the administrator token is shorter than 16 characters");
    }
    if (!TOKEN.matcher(token).matches()) {
      // A flipped bit can make a line break or a control character that no header can carry.
      throw new IOException(
          file
              + ": not an administrator token (base64url characters only): damaged? Remove it,"
              + " and the next start makes a new one");
    }
    return new AdminToken(token);
  }

  /** The token itself, for a demo or a test that talks to its own server. */
  public String value() {
    return token;
  }

  /** Whether an {@code Authorization} header carries this token. */
  public boolean accepts(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    String presented = authorization.substring(BEARER.length()).strip();
    return MessageDigest.isEqual(hash, hash(presented));
  }

  private static void checkOwnerOnly(Path file) throws IOException {
    if (!FileAccess.isPosix(file)) {
      log.warn("{}: this file system cannot show who may read the token; keep it private", file);
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    for (PosixFilePermission permission : permissions) {
      if (permission.name().startsWith("GROUP") || permission.name().startsWith("OTHERS")) {
        throw new IOException(
            file + ": others may use the administrator token; make it owner-only (chmod 600)");
      }
    }
  }

  private static byte[] hash(String text) {
    return Document.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
