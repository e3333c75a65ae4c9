package io.relayagent.server.enroll;

import java.util.List;

/** The whole of {@code enrollment-tokens.json}: {@code {"tokens":[...]}}, oldest first. */
record StoredTokens(List<StoredToken> tokens) {}
