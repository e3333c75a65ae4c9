package io.relayagent.mesh.tunnel;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.SiteIndex;
import java.util.regex.Pattern;

/**
 * Decides whether a decoded {@code CONNECT} head may open a tunnel, and to which endpoint.
 *
 * <p>The target must be authority-form ({@code host:port}, IPv6 in brackets) naming an enabled site
 * of the relay's SiteList under the sitelist module's matching rules: a host name matches without
 * case and without one trailing dot, because those spellings name the same host and the relay
 * connects to the list's canonical name, never to the client's spelling. What is not plainly that
 * site is refused: userinfo, percent-encoding, absolute-URI and origin-form targets, a missing or
 * zero-padded port, IPv4-mapped IPv6 literals (a classic way around address lists), and heads with
 * a body (Content-Length, Transfer-Encoding) or more than one Host. The Host header is not used for
 * routing.
 */
final class ConnectRequestCheck {

  private static final Pattern AUTHORITY_CHARS = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
  private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");

  private ConnectRequestCheck() {}

  /**
   * The canonical endpoint to connect to.
   *
   * @throws RefusedRequestException naming why the request is refused
   */
  static HostPort check(HttpRequest request, SiteIndex sites) throws RefusedRequestException {
    if (request.protocolVersion().majorVersion() != 1) {
      throw new RefusedRequestException("HTTP version not supported: " + request.protocolVersion());
    }
    HttpHeaders headers = request.headers();
    if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
      throw new RefusedRequestException("more than one Host header");
    }
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)
        || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      throw new RefusedRequestException(
          "Content-Length or Transfer-Encoding on CONNECT (a CONNECT has no body)");
    }
    HostPort endpoint = parseAuthority(request.uri());
    if (sites.findSite(endpoint.host(), endpoint.port()).isEmpty()) {
      throw new RefusedRequestException("not a site of this relay's SiteList: " + endpoint);
    }
    return endpoint;
  }

  /** Parses an authority-form target strictly into its canonical host and port. */
  static HostPort parseAuthority(String target) throws RefusedRequestException {
    if (target.startsWith("/")) {
      throw new RefusedRequestException("origin-form target; CONNECT needs host:port");
    }
    if (target.contains("://")) {
      throw new RefusedRequestException("absolute-URI target; CONNECT needs host:port");
    }
    if (target.indexOf('@') >= 0) {
      throw new RefusedRequestException("userinfo (user@) in the target");
    }
    if (target.indexOf('%') >= 0) {
      throw new RefusedRequestException("percent-encoding in the target");
    }
    if (!AUTHORITY_CHARS.matcher(target).matches()) {
      throw new RefusedRequestException("a character not allowed in host:port");
    }
    boolean bracketed = target.startsWith("[");
    int colon = bracketed ? target.indexOf("]:") + 1 : target.indexOf(':');
    if (colon <= 0) {
      throw new RefusedRequestException("no port in the target (host:port)");
    }
    if (!bracketed && target.indexOf(':', colon + 1) >= 0) {
      throw new RefusedRequestException("an IPv6 literal must be in brackets");
    }
    if (!PORT.matcher(target.substring(colon + 1)).matches()) {
      throw new RefusedRequestException("not a port number (1-65535, no leading zero)");
    }
    if (bracketed && target.substring(0, colon).indexOf('.') >= 0) {
      throw new RefusedRequestException("an IPv4 address inside an IPv6 literal");
    }
    HostPort endpoint;
    try {
      endpoint = HostPort.parse(target, 0);
    } catch (IllegalArgumentException e) {
      throw new RefusedRequestException("not a valid host:port: " + e.getMessage());
    }
    if (bracketed && endpoint.host().indexOf(':') < 0) {
      // ::ffff:7f00:1 parses to 127.0.0.1: the mapped form of an IPv4 address.
      throw new RefusedRequestException("an IPv4-mapped IPv6 literal");
    }
    return endpoint;
  }
}
