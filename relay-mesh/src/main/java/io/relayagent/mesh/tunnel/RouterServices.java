package io.relayagent.mesh.tunnel;

import io.relayagent.mesh.content.ContentService;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.SiteIndex;
import java.util.function.Supplier;

/**
 * What a listener's request router needs, shared by every connection of a {@link TunnelServer}.
 *
 * @param sites the relay's current SiteList, read at every request so that an update applies to the
 *     next CONNECT
 * @param content the content cache, or {@code null} when the relay runs none
 * @param enrollment forwards the enrollment requests of clients without a certificate
 * @param capacity the connection limit, named in 503 answers
 * @param handshakeLog failed and unfinished TLS handshakes, one line each, are what garbage
 *     connections cause: both listeners share this cap
 * @param admissionLog connections closed without an answer because a budget was full
 * @param refusals answers and logs refused requests, under a cap of their own
 * @param counters what the listener carries, for the relay's statistics
 */
record RouterServices(
    Supplier<SiteIndex> sites,
    UpstreamConnector upstream,
    ContentService content,
    EnrollmentRelay enrollment,
    int capacity,
    CappedLog handshakeLog,
    CappedLog admissionLog,
    Refusals refusals,
    TunnelCounters counters) {}
