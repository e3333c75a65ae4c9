package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading on change, with real files in a real directory and the real watch service. */
class PolicySourceTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final List<Policy> seen = new CopyOnWriteArrayList<>();
  private PolicySource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void start_withoutAFile_usesTheDefaults() {
    start(dir.resolve("policy.xml"), Duration.ofSeconds(30));

    assertThat(source.current()).isEqualTo(Policy.defaults());
    assertThat(source.lastProblems()).isEmpty();
    assertThat(seen).isEmpty();
  }

  @Test
  void start_withAnInvalidFile_usesTheDefaultsAndReportsTheProblems() throws IOException {
    Path file = save(dir.resolve("policy.xml"), asci("0"));

    start(file, Duration.ofSeconds(30));

    assertThat(source.current()).isEqualTo(Policy.defaults());
    assertThat(source.lastProblems()).extracting(p -> p.line()).containsExactly(2);
  }

  @Test
  void edit_isHandedToListeners() throws IOException {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofSeconds(30));
    assertThat(source.current().asciInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(seen).hasSize(1);

    save(file, asci("45"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(seen.get(1).asciInterval()).isEqualTo(Duration.ofMinutes(45));
    assertThat(source.current()).isSameAs(seen.get(1));
  }

  @Test
  void badEdit_keepsTheLastGoodPolicyAndReportsProblems_thenAFixIsPickedUp() throws Exception {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofSeconds(30));
    Policy good = source.current();

    save(file, asci("0"));

    await().atMost(WAIT).until(() -> !source.lastProblems().isEmpty());
    assertThat(source.lastProblems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo(file.toString());
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).contains("intervalMinutes");
            });
    assertThat(source.current()).isSameAs(good);
    assertThat(seen).containsExactly(good);

    save(file, asci("90"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(source.current().asciInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(source.lastProblems()).isEmpty();
  }

  @Test
  void saveByRename_isPickedUp() throws IOException {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofSeconds(30));

    Path temp = save(dir.resolve(".policy.xml.swp"), asci("15"));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(source.current().asciInterval()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void fileCreatedAfterStart_isPickedUp() throws IOException {
    Path file = dir.resolve("policy.xml");
    start(file, Duration.ofSeconds(30));

    save(file, asci("20"));

    await().atMost(WAIT).until(() -> seen.size() == 1);
    assertThat(source.current().asciInterval()).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void directoryCreatedAfterStart_isFoundByThePeriodicRecheck() throws IOException {
    Path file = dir.resolve("later").resolve("policy.xml");
    start(file, Duration.ofMillis(200));

    Files.createDirectory(file.getParent());
    save(file, asci("25"));

    await().atMost(WAIT).until(() -> seen.size() == 1);
    assertThat(source.current().asciInterval()).isEqualTo(Duration.ofMinutes(25));
  }

  @Test
  void sameContentSavedAgain_notifiesNoOne() throws Exception {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofSeconds(30));

    save(file, asci("30") + "\n<!-- saved again -->");
    save(dir.resolve("other.xml"), "unrelated");
    save(file, asci("31"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
    assertThat(seen).extracting(p -> p.asciInterval().toMinutes()).containsExactly(30L, 31L);
  }

  @Test
  void removedFile_keepsThePolicyInForce() throws Exception {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofSeconds(30));
    Policy good = source.current();

    Files.delete(file);

    await().atMost(WAIT).until(() -> !source.lastProblems().isEmpty());
    assertThat(source.lastProblems().get(0).message()).isEqualTo("file not found");
    assertThat(source.current()).isSameAs(good);
  }

  @Test
  void failingListener_doesNotStopTheOthers() throws IOException {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    source = new PolicySource(file, DEBOUNCE, Duration.ofSeconds(30));
    source.addListener(
        policy -> {
          throw new IllegalStateException("listener bug");
        });
    source.addListener(seen::add);
    source.start();

    save(file, asci("40"));

    await().atMost(WAIT).until(() -> seen.size() == 2);
  }

  @Test
  void close_stopsWatching() throws Exception {
    Path file = save(dir.resolve("policy.xml"), asci("30"));
    start(file, Duration.ofMillis(100));

    source.close();
    save(file, asci("50"));

    await("no change is seen after close")
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> seen.size() == 1);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("policy-watch") && thread.isAlive());
  }

  private void start(Path file, Duration recheck) {
    source = new PolicySource(file, DEBOUNCE, recheck);
    source.addListener(seen::add);
    source.start();
  }

  private static String asci(String minutes) {
    return PolicyFiles.OPEN
        + "\n  <asci intervalMinutes=\""
        + minutes
        + "\"/>\n"
        + PolicyFiles.CLOSE;
  }

  /** Writes in place, as a simple editor does. */
  private static Path save(Path file, String content) throws IOException {
    return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }
}
