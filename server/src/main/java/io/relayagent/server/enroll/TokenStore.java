package io.relayagent.server.enroll;

import java.io.IOException;
import java.util.List;

/**
 * Where the enrollment tokens are kept, oldest first. Each change is durable when the call returns;
 * a use is counted only if nobody counted one in between ({@link #countUse}), so two server
 * instances never hand out more uses than a token has.
 */
public interface TokenStore {

  /** Every token, oldest first. */
  List<StoredToken> all() throws IOException;

  /** Adds {@code token} and removes the tokens {@code dropped} (ids), in one change. */
  void add(StoredToken token, List<String> dropped) throws IOException;

  /** Marks the token {@code id} revoked; whether there is such a token. */
  boolean revoke(String id) throws IOException;

  /**
   * Counts one use of the token {@code id}, if its count is still {@code usedBefore}.
   *
   * @return false if another use was counted meanwhile (read the token again)
   */
  boolean countUse(String id, int usedBefore) throws IOException;
}
