package io.relayagent.server.repo;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedNioFile;
import io.relayagent.protocol.http.EntityTags;
import io.relayagent.protocol.http.RangeSelection;
import io.relayagent.protocol.http.ReprDigest;
import io.relayagent.server.http.Replies;
import io.relayagent.server.http.Reply;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Answers a {@code GET} or {@code HEAD} of a {@link Representation}: {@code 304} to a client whose
 * copy is current, {@code 206} for one satisfiable range, {@code 416} for a range beyond the end,
 * {@code 200} otherwise; every answer with the headers a relay's content cache requires.
 */
final class RepresentationReplies {
  private static final int CHUNK = 64 * 1024;

  private RepresentationReplies() {}

  /**
   * @param channel the file, open, positioned anywhere; owned by the reply from now on ({@code
   *     null} for a representation in memory)
   */
  static Reply reply(HttpRequest request, Representation representation, FileChannel channel)
      throws IOException {
    String etag = representation.etag();
    if (notModified(request, representation, etag)) {
      closeQuietly(channel);
      Reply.Full reply = Replies.empty(HttpResponseStatus.NOT_MODIFIED);
      reply.response().headers().set(HttpHeaderNames.ETAG, etag);
      return reply;
    }
    long length = representation.length();
    // Range is defined for GET only (RFC 9110, 14.2); HEAD describes the whole.
    RangeSelection selection =
        HttpMethod.GET.equals(request.method())
            ? RangeSelection.of(
                request.headers().get(HttpHeaderNames.RANGE),
                request.headers().get(HttpHeaderNames.IF_RANGE),
                etag,
                length)
            : RangeSelection.WHOLE;
    if (selection instanceof RangeSelection.Unsatisfiable) {
      closeQuietly(channel);
      Reply.Full reply = Replies.empty(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
      describe(reply.response().headers(), representation, etag);
      reply
          .response()
          .headers()
          .set(HttpHeaderNames.CONTENT_RANGE, RangeSelection.unsatisfied(length));
      reply.response().headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      return reply;
    }
    RangeSelection.Part range = selection instanceof RangeSelection.Part part ? part : null;
    long offset = range == null ? 0 : range.first();
    long count = range == null ? length : range.length();
    HttpResponseStatus status =
        range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT;
    HttpResponse head =
        channel == null
            ? new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                status,
                Unpooled.wrappedBuffer(representation.content(), (int) offset, (int) count))
            : new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    describe(head.headers(), representation, etag);
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, count);
    if (range != null) {
      head.headers().set(HttpHeaderNames.CONTENT_RANGE, range.contentRange(length));
    }
    if (channel == null) {
      return new Reply.Full((DefaultFullHttpResponse) head);
    }
    return new Reply.Streamed(head, new ChunkedNioFile(channel, offset, count, CHUNK));
  }

  private static void describe(HttpHeaders headers, Representation representation, String etag) {
    headers.set(HttpHeaderNames.CONTENT_TYPE, representation.contentType());
    headers.set(ReprDigest.HEADER, representation.reprDigest());
    headers.set(HttpHeaderNames.ETAG, etag);
    headers.set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
    headers.set(
        HttpHeaderNames.LAST_MODIFIED,
        DateFormatter.format(Date.from(representation.lastModified())));
  }

  /** {@code If-None-Match} decides when present; {@code If-Modified-Since} only without it. */
  private static boolean notModified(
      HttpRequest request, Representation representation, String etag) {
    if (request.headers().contains(HttpHeaderNames.IF_NONE_MATCH)) {
      return EntityTags.noneMatchHits(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), etag);
    }
    String since = request.headers().get(HttpHeaderNames.IF_MODIFIED_SINCE);
    Date date = since == null ? null : DateFormatter.parseHttpDate(since);
    if (date == null) {
      return false;
    }
    Instant modified = representation.lastModified().truncatedTo(ChronoUnit.SECONDS);
    return !modified.isAfter(date.toInstant());
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Only a read handle: nothing can be lost.
      }
    }
  }
}
