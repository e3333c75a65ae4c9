package io.relayagent.mesh.content;

import java.net.http.HttpHeaders;

/**
 * The upstream headers a cached object keeps: the validators for revalidation ({@code ETag}, {@code
 * Last-Modified}) and the {@code Content-Type} to pass on. Each is {@code null} when upstream sent
 * none, or sent one that is not plain visible ASCII of at most {@value #MAX_LENGTH} characters:
 * such a value is not repeated to agents.
 */
record ObjectHeaders(String etag, String lastModified, String contentType) {

  static final int MAX_LENGTH = 256;
  static final ObjectHeaders NONE = new ObjectHeaders(null, null, null);

  ObjectHeaders {
    etag = clean(etag);
    lastModified = clean(lastModified);
    contentType = clean(contentType);
  }

  static ObjectHeaders from(HttpHeaders headers) {
    return new ObjectHeaders(
        headers.firstValue("ETag").orElse(null),
        headers.firstValue("Last-Modified").orElse(null),
        headers.firstValue("Content-Type").orElse(null));
  }

  /** These headers with the validators a {@code 304} brought, where it brought any. */
  ObjectHeaders updatedBy(ObjectHeaders notModified) {
    return new ObjectHeaders(
        notModified.etag != null ? notModified.etag : etag,
        notModified.lastModified != null ? notModified.lastModified : lastModified,
        contentType);
  }

  private static String clean(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return null;
    }
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? value : null;
  }
}
