package io.relayagent.mesh.content;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an upstream answer the relay will not take: settled before any byte is read, and
 * cancelled unread, so an unwanted answer (an error page, an object too large) costs no download.
 * The JDK's {@code BodySubscribers.replacing} would read and discard the whole body instead.
 */
record RefusedBody(CompletableFuture<FetchResult> result) implements BodySubscriber<FetchResult> {

  static RefusedBody failing(ContentException failure) {
    return new RefusedBody(CompletableFuture.failedFuture(failure));
  }

  static RefusedBody answering(FetchResult value) {
    return new RefusedBody(CompletableFuture.completedFuture(value));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.cancel();
  }

  @Override
  public void onNext(List<ByteBuffer> item) {}

  @Override
  public void onError(Throwable throwable) {}

  @Override
  public void onComplete() {}

  @Override
  public CompletionStage<FetchResult> getBody() {
    return result;
  }
}
