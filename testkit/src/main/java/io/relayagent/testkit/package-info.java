/**
 * The test kit every module's tests share (test scope only): a {@link
 * io.relayagent.testkit.MutableClock} the test moves instead of sleeping, a {@link
 * io.relayagent.testkit.RawClient} that writes exactly the bytes a hostile client would, and a
 * {@link io.relayagent.testkit.FakeUpstream} whose {@link io.relayagent.testkit.FakeUpstream.Mode}
 * says how it behaves (answers, refuses, hangs, drops mid-body, ...), a {@link
 * io.relayagent.testkit.ConnectProxy} standing in for a company's HTTP proxy, {@link
 * io.relayagent.testkit.BitFlips} for the corruption tests of every durable file, {@link
 * io.relayagent.testkit.ConsoleLog} to read what the code under test logged, and {@link
 * io.relayagent.testkit.TestPostgres}, the real PostgreSQL tests run on when one is named.
 *
 * <p>The one test PKI is not here: it is {@code io.relayagent.trust.LoopbackPki} in trust's main
 * code, because {@code relay-agent demo} (product code) needs the very same thing, a CA directory
 * with role certificates for hosts on loopback, and because trust's own tests must use it too: a
 * PKI here would need trust, and trust's tests could then not use the kit (Maven forbids the
 * cycle). So the kit depends on no module of the project, and speaks JDK types only (an {@link
 * javax.net.ssl.SSLContext}, a key and its chain).
 */
package io.relayagent.testkit;
