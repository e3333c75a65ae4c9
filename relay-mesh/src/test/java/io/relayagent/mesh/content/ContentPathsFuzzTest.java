package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.relayagent.sitelist.HttpSite;
import io.relayagent.sitelist.SiteList;
import io.relayagent.sitelist.SiteLists;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whatever target a client asks for under {@code /content/}, the relay refuses it with a reason or
 * names an object that stays where it belongs: below its site wherever a path of it is resolved (on
 * this host's file system or a Windows one), below the site's RelativePath on the upstream server,
 * with the same name however it is spelled again.
 */
class ContentPathsFuzzTest {

  private static final Path ROOT = Path.of("/srv/relay-cache");
  private static final String RELATIVE_PATH = "Software/Current";

  @FuzzTest
  void parseTarget_anyTarget_isRefusedOrStaysBelowItsSite(byte[] input) {
    // Netty hands the request target on byte for byte; UTF-8 lets the fuzzer reach any character.
    check(new String(input, StandardCharsets.ISO_8859_1));
    check(new String(input, StandardCharsets.UTF_8));
  }

  private static void check(String target) {
    ContentKey key;
    try {
      key = ContentPaths.parseTarget(target);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(ContentKey.of(key.site(), key.path()))
        .as("the key's own checks agree")
        .isEqualTo(key);
    List<String> segments = Arrays.asList(key.path().split("/", -1));
    assertStaysBelowItsSite(key, segments);
    assertThat(key.fileStem()).matches("[0-9a-f]{32}");
    String again = canonicalTarget(key, segments);
    if (again.length() <= ContentPaths.MAX_TARGET_LENGTH) {
      assertThat(ContentPaths.parseTarget(again))
          .as("the same object spelled with every escape")
          .isEqualTo(key);
    }
    assertUpstreamStaysBelowRelativePath(key, segments);
  }

  private static void assertStaysBelowItsSite(ContentKey key, List<String> segments) {
    Path site = ROOT.resolve(key.site());
    Path object = site.resolve(key.path());
    assertThat(site.getParent()).isEqualTo(ROOT);
    assertThat(object.normalize()).isEqualTo(object).startsWithRaw(site);
    assertThat(object.getNameCount()).isEqualTo(site.getNameCount() + segments.size());
    // A Windows server would also split at a backslash and drop trailing dots and spaces.
    assertThat(key.site() + "/" + key.path()).doesNotContain("\\", ":");
    for (String segment : segments) {
      assertThat(segment.replaceAll("[. ]+$", "")).isNotEmpty().isNotEqualTo(".");
    }
  }

  private static void assertUpstreamStaysBelowRelativePath(ContentKey key, List<String> segments) {
    HttpSite site = new HttpSite();
    site.setName(key.site());
    site.setServer("repo.example.com:443");
    site.setRelativePath(RELATIVE_PATH);
    site.setEnabled(true);
    SiteList list = new SiteList();
    list.addSite(site);
    SiteLists lists = new SiteLists();
    lists.addSiteList(list);

    URI uri = new UpstreamLocator(() -> lists).locate(key).orElseThrow();

    assertThat(uri.getScheme()).isEqualTo("https");
    assertThat(uri.getRawAuthority()).isEqualTo("repo.example.com:443");
    assertThat(uri.getRawQuery()).isNull();
    assertThat(uri.getRawFragment()).isNull();
    assertThat(uri.normalize()).isEqualTo(uri);
    String prefix = "/" + RELATIVE_PATH + "/";
    assertThat(uri.getRawPath()).startsWith(prefix);
    List<String> upstream = new ArrayList<>();
    for (String raw : uri.getRawPath().substring(prefix.length()).split("/", -1)) {
      upstream.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    assertThat(upstream).as("the upstream names the same segments").isEqualTo(segments);
  }

  /** {@code /content/<site>/<path>} with every byte of every name percent-encoded. */
  private static String canonicalTarget(ContentKey key, List<String> segments) {
    StringBuilder target = new StringBuilder(ContentPaths.PREFIX).append(escape(key.site()));
    for (String segment : segments) {
      target.append('/').append(escape(segment));
    }
    return target.toString();
  }

  private static String escape(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(String.format("%02X", b & 0xff));
    }
    return out.toString();
  }
}
