package io.relayagent.server.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.wakeup.SignedWakeup;
import io.relayagent.protocol.wakeup.WakeupOutcome;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.http.Reply;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import io.relayagent.server.store.TestDatabase;
import io.relayagent.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wake-ups handed between two instances on one database ({@link RemoteWakeups}, {@link
 * PollHolders}): on SQLite found by the holder's poll of the table, on PostgreSQL by a
 * notification.
 */
class RemoteWakeupsTest {
  private static final String DATABASES = "io.relayagent.server.store.TestDatabase#all";
  private static final byte[] WAKEUP =
      ProtocolJson.write(
          SignedWakeup.of(new byte[] {'{', '}'}, new byte[] {1}, List.of(new byte[] {2})));

  private static final List<String> AGENTS = List.of("agent-1", "agent-9", "agent-none");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
  private final List<AutoCloseable> opened = new ArrayList<>();
  private DatabaseSettings settings;
  private Stores stores;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    timer.shutdownNow();
  }

  private WaitingAgents waiting() {
    WaitingAgents waiting =
        new WaitingAgents(10, Duration.ofMinutes(3), Duration.ofSeconds(10), clock, timer);
    opened.add(waiting);
    return waiting;
  }

  /** An instance's answering on stores of its own, as each server instance has. */
  private RemoteWakeups remote(String instance, WaitingAgents waiting) throws Exception {
    Stores own = Stores.open(settings, new ServerDirectory(dir));
    opened.add(own);
    RemoteWakeups remote = RemoteWakeups.start(instance, own.wakeups(), waiting, clock);
    opened.add(remote);
    return remote;
  }

  private void open(TestDatabase database) throws Exception {
    settings = database.settings(dir);
    stores = Stores.open(settings, new ServerDirectory(dir));
    opened.add(stores);
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void ask_ofTheInstanceHoldingThePoll_isDeliveredThereAndEachAgentAnswered(TestDatabase database)
      throws Exception {
    open(database);
    WaitingAgents there = waiting();
    RemoteWakeups asker = remote("one", waiting());
    remote("two", there);
    // The first ask may come before the holder listens: it is found by the poll of the table.
    asker.ask(List.of(new RemoteWakeups.Ask("two", List.of("agent-0"), WAKEUP)));
    Reply.Deferred poll = (Reply.Deferred) there.poll("agent-1");

    long start = System.nanoTime();
    List<List<WakeupOutcome>> outcomes =
        asker.ask(List.of(new RemoteWakeups.Ask("two", List.of("agent-1", "agent-2"), WAKEUP)));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    System.out.printf(
        "%s: a wake-up handed to another instance answered in %d ms%n", database, millis);
    assertThat(outcomes)
        .containsExactly(List.of(WakeupOutcome.DELIVERED, WakeupOutcome.UNREACHABLE));
    assertThat(poll.answer().get(1, TimeUnit.SECONDS).response().status().code()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void ask_ofAnInstanceThatNeverTakesIt_isWithdrawnAndUnreachable(TestDatabase database)
      throws Exception {
    open(database);
    RemoteWakeups asker = remote("one", waiting());
    long start = System.nanoTime();

    List<List<WakeupOutcome>> outcomes =
        asker.ask(List.of(new RemoteWakeups.Ask("silent", List.of("agent-1"), WAKEUP)));

    assertThat(outcomes).containsExactly(List.of(WakeupOutcome.UNREACHABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(RemoteWakeups.ANSWER_WAIT, RemoteWakeups.ANSWER_WAIT.multipliedBy(2));
    assertThat(stores.wakeups().take("silent")).as("withdrawn: never delivered late").isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void elsewhere_pollNotedByAnotherInstance_namesItUntilItLeaves(TestDatabase database)
      throws Exception {
    open(database);
    PollHolders one = PollHolders.start(stores.wakeupHolders(), clock, timer);
    PollHolders two = PollHolders.start(stores.wakeupHolders(), clock, timer);
    opened.add(two);

    one.polled("agent-1");

    await().atMost(Duration.ofSeconds(5)).until(() -> two.elsewhere(AGENTS).containsKey("agent-1"));
    assertThat(two.elsewhere(AGENTS)).containsEntry("agent-1", one.instance());
    assertThat(one.elsewhere(AGENTS))
        .as("its own polls are not elsewhere")
        .doesNotContainKey("agent-1");
    one.close();
    assertThat(two.elsewhere(AGENTS)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource(DATABASES)
  void elsewhere_instanceSilentLongerThanAlive_holdsNothing(TestDatabase database)
      throws Exception {
    open(database);
    PollHolders mine = PollHolders.start(stores.wakeupHolders(), clock, timer);
    opened.add(mine);
    stores.wakeupHolders().heartbeat("crashed", clock.instant());
    stores.wakeupHolders().holds("crashed", List.of("agent-9"), clock.instant());
    assertThat(mine.elsewhere(AGENTS)).containsEntry("agent-9", "crashed");

    clock.advance(PollHolders.ALIVE.plusSeconds(1));

    assertThat(mine.elsewhere(AGENTS)).isEmpty();
  }
}
