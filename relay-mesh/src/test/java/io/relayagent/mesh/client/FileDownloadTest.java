package io.relayagent.mesh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download's failure says what happened: found by bench/soak.sh, where a relay filling its cache
 * on a loaded machine sent nothing for the idle timeout, and the agent reported "the connection
 * closed before a response" although it had closed the connection itself.
 */
class FileDownloadTest {
  private static final Duration IDLE = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void start_nothingArrivesWithinTheIdleTimeout_failsNamingTheTimeout() {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<FileDownload.Result> result = start(channel);

    channel.advanceTimeBy(IDLE.toSeconds() + 1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertThatThrownBy(result::get)
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("nothing arrived for 20 s");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void start_relayClosesBeforeAnswering_failsSayingSo() {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<FileDownload.Result> result = start(channel);

    channel.close();

    assertThatThrownBy(result::get)
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("the connection closed before a response");
  }

  @Test
  void start_wholeAnswer_isWrittenToTheFile() throws Exception {
    EmbeddedChannel channel = new EmbeddedChannel();
    CompletableFuture<FileDownload.Result> result = start(channel);

    channel.writeInbound(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", StandardCharsets.US_ASCII));

    assertThat(result.get()).isEqualTo(new FileDownload.Result(200, false, true, "", null));
    assertThat(Files.readString(dir.resolve("object.part"))).isEqualTo("hello");
  }

  private CompletableFuture<FileDownload.Result> start(EmbeddedChannel channel) {
    CompletableFuture<FileDownload.Result> result =
        FileDownload.start(
            channel,
            "10.0.0.1:8083",
            "/content/epo/repo/a.bin",
            dir.resolve("object.part"),
            0,
            IDLE);
    channel.releaseOutbound();
    return result;
  }
}
