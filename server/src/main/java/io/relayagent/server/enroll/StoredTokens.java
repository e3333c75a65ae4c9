package io.relayagent.server.enroll;

import java.util.List;

/**
 * The whole of {@code enrollment-tokens.json} (servers before the database): {@code
 * {"tokens":[...]}}, oldest first.
 */
public record StoredTokens(List<StoredToken> tokens) {}
