package io.relayagent.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * New content while the soak runs, as an administrator publishes it: a file of random bytes written
 * beside the server's repository and renamed into it (docs/server-protocol.md: never rewritten in
 * place), which the server's next scan puts in a new signed catalog; agents then download it at
 * their ASCI and the download host picks it up, so relays' caches keep fetching new objects.
 */
final class RepositoryChurn {
  private static final int MIN_BYTES = 256 * 1024;
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private final Path repository;
  private final Random random;
  private int published;

  RepositoryChurn(Path repository, long seed) {
    this.repository = repository;
    this.random = new Random(seed);
  }

  /**
   * Writes {@code name} (a repository name, such as {@code base/a.bin}) with {@code size} bytes.
   */
  void publish(String name, int size) throws IOException {
    byte[] content = new byte[size];
    random.nextBytes(content);
    Path target = repository.resolve(name);
    Files.createDirectories(target.getParent());
    // A name starting with a dot is never part of the catalog, so the half-written file is not.
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    Files.write(partial, content);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Publishes the next {@code churn/obj-N.bin}, of a random size; returns its name. */
  synchronized String publishNext() throws IOException {
    String name = "churn/obj-" + ++published + ".bin";
    publish(name, MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES));
    return name;
  }

  synchronized int published() {
    return published;
  }
}
