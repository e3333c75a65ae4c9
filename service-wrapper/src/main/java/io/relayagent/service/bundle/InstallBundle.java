package io.relayagent.service.bundle;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A site's install bundle, the equivalent of McAfee's FramePkg: the packages, the organisation's
 * trust bundle, the SiteList, a starting policy and an enrollment token, with one install command
 * per operating system. A host installed from it has no certificate; it makes its own key and
 * enrolls with the token at its first ASCI (docs/enrollment.md).
 *
 * <pre>
 * README.md            what is here and the one-line install for each OS
 * install.sh           Linux (Debian/Ubuntu): sudo sh install.sh
 * install.cmd          Windows, as an administrator: install.cmd
 * ca.pem               the roots every host trusts
 * SiteList.xml         the management servers
 * policy.xml           the policy the agent starts with (the server's replaces it at the first ASCI)
 * enrollment-token     the token (owner-only: treat the bundle as a secret until it expires)
 * relay-agent_*.deb, relay-agent-*-windows.zip   the packages
 * </pre>
 */
public final class InstallBundle {
  public static final String CA = "ca.pem";
  public static final String SITE_LIST = "SiteList.xml";
  public static final String POLICY = "policy.xml";
  public static final String TOKEN = "enrollment-token";
  public static final String INSTALL_SH = "install.sh";
  public static final String INSTALL_CMD = "install.cmd";
  public static final String README = "README.md";

  /** What goes in; the packages are copied from {@code packagesDirectory}. */
  public record Contents(
      byte[] caCertificates, byte[] siteList, byte[] policy, String token, Path packagesDirectory) {
    public Contents {
      Objects.requireNonNull(caCertificates, "caCertificates");
      Objects.requireNonNull(siteList, "siteList");
      Objects.requireNonNull(policy, "policy");
      if (token == null || token.isBlank() || token.strip().contains("\n")) {
        throw new IllegalArgumentException("the enrollment token must be one non-empty line");
      }
    }
  }

  private InstallBundle() {}

  /**
   * Writes the bundle into {@code out} (made if absent; it must not hold a bundle already).
   *
   * @return the files written, in order
   * @throws IOException if the directory holds files already or a package is missing
   */
  public static List<Path> write(Path out, Contents contents) throws IOException {
    Optional<Path> deb = find(contents.packagesDirectory(), "relay-agent_*_all.deb");
    Optional<Path> zip = find(contents.packagesDirectory(), "relay-agent-*-windows.zip");
    if (deb.isEmpty() && zip.isEmpty()) {
      throw new IOException(
          contents.packagesDirectory()
              + " holds neither relay-agent_VERSION_all.deb nor relay-agent-VERSION-windows.zip"
              + " (build them with ./mvnw package, or name their directory with --packages)");
    }
    Files.createDirectories(out);
    try (DirectoryStream<Path> existing = Files.newDirectoryStream(out)) {
      if (existing.iterator().hasNext()) {
        throw new IOException(out + " is not empty: give a new directory for the bundle");
      }
    }
    List<Path> written = new ArrayList<>();
    written.add(write(out, CA, contents.caCertificates(), FileAccess.PUBLIC));
    written.add(write(out, SITE_LIST, contents.siteList(), FileAccess.PUBLIC));
    written.add(write(out, POLICY, contents.policy(), FileAccess.PUBLIC));
    written.add(write(out, TOKEN, bytes(contents.token().strip() + "\n"), FileAccess.SECRET));
    String debName = deb.map(p -> p.getFileName().toString()).orElse(null);
    String zipName = zip.map(p -> p.getFileName().toString()).orElse(null);
    if (debName != null) {
      written.add(copy(deb.get(), out));
      written.add(
          write(out, INSTALL_SH, bytes(BundleScripts.installSh(debName)), FileAccess.PUBLIC));
    }
    if (zipName != null) {
      written.add(copy(zip.get(), out));
      written.add(
          write(out, INSTALL_CMD, bytes(BundleScripts.installCmd(zipName)), FileAccess.PUBLIC));
    }
    written.add(
        write(out, README, bytes(BundleScripts.readme(debName, zipName)), FileAccess.PUBLIC));
    return written;
  }

  private static Optional<Path> find(Path directory, String glob) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
      files.forEach(found::add);
    }
    if (found.size() > 1) {
      throw new IOException(directory + " holds several packages matching " + glob + ": " + found);
    }
    return found.stream().findFirst();
  }

  private static Path write(Path out, String name, byte[] content, FileAccess access)
      throws IOException {
    Path file = out.resolve(name);
    AtomicFile.replace(file, content, access);
    return file;
  }

  private static Path copy(Path from, Path out) throws IOException {
    Path to = out.resolve(from.getFileName());
    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    return to;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
