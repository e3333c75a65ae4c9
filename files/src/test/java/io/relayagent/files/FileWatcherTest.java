package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change events with real files in a real directory and the real watch service. */
class FileWatcherTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(50);
  private static final Duration LONG_RECHECK = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final AtomicInteger changes = new AtomicInteger();
  private FileWatcher watcher;

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Test
  void inPlaceWrite_isSeen() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    start(file, DEBOUNCE, LONG_RECHECK);

    Files.writeString(file, "two");

    await().atMost(WAIT).until(() -> changes.get() >= 1);
  }

  @Test
  void saveByRename_isSeen() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    start(file, DEBOUNCE, LONG_RECHECK);

    Path swap = Files.writeString(dir.resolve(".policy.xml.swp"), "two");
    Files.move(swap, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await().atMost(WAIT).until(() -> changes.get() >= 1);
  }

  @Test
  void deletedThenRecreated_isSeenBothTimes() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    start(file, DEBOUNCE, LONG_RECHECK);

    Files.delete(file);
    await().atMost(WAIT).until(() -> changes.get() >= 1);
    int afterDeletion = changes.get();
    Files.writeString(file, "two");

    await().atMost(WAIT).until(() -> changes.get() > afterDeletion);
  }

  @Test
  void otherFilesInTheDirectory_areIgnored() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    start(file, DEBOUNCE, LONG_RECHECK);

    Files.writeString(dir.resolve("other.xml"), "unrelated");
    Thread.sleep(500);
    assertThat(changes).hasValue(0);

    Files.writeString(file, "two");
    await().atMost(WAIT).until(() -> changes.get() >= 1);
  }

  @Test
  void burstOfWrites_isOneChangeOnceQuiet() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.xml"), "zero");
    start(file, Duration.ofSeconds(1), LONG_RECHECK);

    for (int i = 1; i <= 5; i++) {
      Files.writeString(file, "version " + i);
    }

    await().atMost(WAIT).until(() -> changes.get() == 1);
    Thread.sleep(1500);
    assertThat(changes).hasValue(1);
  }

  @Test
  void directoryMadeAfterStart_isFoundByTheRecheck() throws IOException {
    Path file = dir.resolve("later").resolve("policy.xml");
    start(file, DEBOUNCE, Duration.ofMillis(200));

    Files.createDirectory(file.getParent());
    Files.writeString(file, "one");

    await().atMost(WAIT).until(() -> changes.get() >= 1);
  }

  @Test
  void close_stopsTheThread_andNoMoreChangesArrive() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    start(file, DEBOUNCE, Duration.ofMillis(100));

    watcher.close();
    Files.writeString(file, "two");
    Thread.sleep(500);

    assertThat(changes).hasValue(0);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("test-watch") && thread.isAlive());
  }

  @Test
  void failingCallback_doesNotStopTheWatch() throws IOException {
    Path file = Files.writeString(dir.resolve("policy.xml"), "one");
    watcher =
        new FileWatcher(
            file,
            DEBOUNCE,
            LONG_RECHECK,
            "test-watch",
            () -> {
              if (changes.incrementAndGet() == 1) {
                throw new IllegalStateException("callback bug");
              }
            });
    watcher.start();

    Files.writeString(file, "two");
    await().atMost(WAIT).until(() -> changes.get() >= 1);
    Files.writeString(file, "three");

    await().atMost(WAIT).until(() -> changes.get() >= 2);
  }

  @Test
  void constructor_zeroRecheck_isRefused() {
    assertThatThrownBy(
            () ->
                new FileWatcher(dir.resolve("f"), DEBOUNCE, Duration.ZERO, "test-watch", () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recheck");
  }

  private void start(Path file, Duration debounce, Duration recheck) {
    watcher = new FileWatcher(file, debounce, recheck, "test-watch", changes::incrementAndGet);
    watcher.start();
  }
}
