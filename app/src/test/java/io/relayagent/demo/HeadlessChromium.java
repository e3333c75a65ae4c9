package io.relayagent.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Chromium from the distribution's packages, run headless for one page at a time. It trusts the
 * server by its key alone ({@code --ignore-certificate-errors-spki-list}: only a certificate with
 * that public key is accepted, every other check stays on), runs with a throwaway profile, and is
 * killed with its child processes if it outlives {@link #TIMEOUT}. {@code --no-sandbox} because CI
 * runs as root, where Chromium's sandbox cannot start.
 */
final class HeadlessChromium {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> NAMES = List.of("chromium", "chromium-browser");

  private final Path binary;
  private final Path work;
  private int runs;

  private HeadlessChromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** Chromium on the {@code PATH}, working under {@code work}; empty if it is not installed. */
  static Optional<HeadlessChromium> find(Path work) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst()
        .map(binary -> new HeadlessChromium(binary, work));
  }

  /** The pin of {@code certificate}: base64 of the SHA-256 of its SubjectPublicKeyInfo. */
  static String spkiPin(X509Certificate certificate) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The page's DOM after it loaded (redirects followed), as Chromium serialises it. */
  String dumpDom(String url, String pin) throws IOException, InterruptedException {
    return run(pin, List.of("--dump-dom", url));
  }

  /** A PNG of the page as a 1280x800 window shows it. */
  void screenshot(String url, String pin, Path png) throws IOException, InterruptedException {
    run(pin, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,800", url));
    if (!Files.isRegularFile(png)) {
      throw new IOException("Chromium wrote no screenshot to " + png);
    }
  }

  private String run(String pin, List<String> what) throws IOException, InterruptedException {
    int run = ++runs;
    Path profile = Files.createDirectories(work.resolve("profile-" + run));
    Path out = work.resolve("stdout-" + run);
    Path err = work.resolve("stderr-" + run);
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-extensions",
            "--disable-sync",
            "--no-proxy-server",
            "--user-data-dir=" + profile,
            "--ignore-certificate-errors-spki-list=" + pin));
    command.addAll(what);
    Process chromium =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!chromium.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IOException("Chromium did not finish within " + TIMEOUT + ": " + tail(err));
    }
    chromium.descendants().forEach(ProcessHandle::destroyForcibly);
    if (chromium.exitValue() != 0) {
      throw new IOException("Chromium exited with " + chromium.exitValue() + ": " + tail(err));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String tail(Path err) throws IOException {
    String text = Files.readString(err, StandardCharsets.UTF_8);
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }
}
