package io.relayagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop lets the answer in flight finish, then takes no more connections. */
class GracefulStopTest {
  @TempDir Path dir;

  @Test
  void close_duringADownload_finishesTheDownload_thenRefusesConnections() throws Exception {
    ServerFixture fixture = ServerFixture.prepare(dir);
    byte[] big = new byte[24 * 1024 * 1024];
    new Random(7).nextBytes(big);
    Files.write(dir.resolve("repo/big.bin"), big);
    fixture.start();
    HttpClient agent = fixture.agent("agent-1");

    HttpResponse<InputStream> response =
        agent.send(
            HttpRequest.newBuilder(fixture.uri("/repo/big.bin")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    CompletableFuture<Void> stopped;
    try (InputStream body = response.body()) {
      digest.update(body.readNBytes(1024 * 1024));
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(fixture::close);
      stopped = stopping;
      // The stop has begun, and waits for this answer.
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !stopping.isDone());
      byte[] buffer = new byte[65536];
      for (int n; (n = body.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    stopped.get(10, TimeUnit.SECONDS);

    assertThat("sha-256=:" + Base64.getEncoder().encodeToString(digest.digest()) + ":")
        .isEqualTo(response.headers().firstValue("Repr-Digest").orElseThrow());
    assertThatThrownBy(() -> fixture.get(fixture.agent("agent-2"), "/repo/catalog.json"))
        .isInstanceOf(IOException.class);
  }
}
