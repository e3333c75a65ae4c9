package io.relayagent.mesh.content;

/** What an upstream request brought, when it brought something usable. Failures are exceptions. */
sealed interface FetchResult {

  /** The whole object, written to the temporary file, its length and SHA-256 checked. */
  record Fetched(long length, String sha256, ObjectHeaders headers) implements FetchResult {}

  /** {@code 304}: the cached copy is still upstream's current one. */
  record NotModified(ObjectHeaders headers) implements FetchResult {}
}
