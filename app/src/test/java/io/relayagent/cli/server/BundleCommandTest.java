package io.relayagent.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.cli.ExitCodes;
import io.relayagent.config.PolicyReader;
import io.relayagent.demo.DemoPolicy;
import io.relayagent.trust.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay-agent server bundle}: what a site's hosts are installed from. */
class BundleCommandTest {
  private static final String SITE_LIST = DemoPolicy.siteList(8443);

  @TempDir Path root;
  private Path server;
  private Path packages;

  @BeforeEach
  void serverAndPackages() throws Exception {
    server = ServerDirectories.create(root);
    packages = Files.createDirectories(root.resolve("packages"));
    Files.writeString(packages.resolve("relay-agent_1.0.0_all.deb"), "deb");
    Files.writeString(packages.resolve("relay-agent-1.0.0-windows.zip"), "zip");
  }

  private CliRun bundle(String... more) {
    String[] base = {
      "server", "bundle", "--dir", server.toString(), "--packages", packages.toString()
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.run(all);
  }

  @Test
  void bundle_holdsTheServersTrustSiteListPolicyAndToken() throws Exception {
    Files.writeString(server.resolve("SiteList.xml"), SITE_LIST);
    Path out = root.resolve("site-a");

    CliRun run = bundle("--token", "rae_abc", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("install.sh").contains("install.cmd");
    assertThat(PemFiles.readCertificates(out.resolve("ca.pem")))
        .isEqualTo(PemFiles.readCertificates(server.resolve("ca.pem")));
    assertThat(out.resolve("SiteList.xml")).hasContent(SITE_LIST);
    PolicyReader.read(out.resolve("policy.xml")); // the defaults, written out whole
    assertThat(out.resolve("enrollment-token")).hasContent("rae_abc");
    assertThat(out.resolve("relay-agent_1.0.0_all.deb")).exists();
  }

  @Test
  void bundle_withTheCaDirectory_carriesItsTrustBundle() throws Exception {
    Files.writeString(server.resolve("SiteList.xml"), SITE_LIST);
    Path token = Files.writeString(root.resolve("token"), "rae_from_file\n");
    Path out = root.resolve("site-b");

    CliRun run =
        bundle(
            "--ca-dir",
            root.resolve("ca").toString(),
            "--enrollment-token-file",
            token.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(PemFiles.readCertificates(out.resolve("ca.pem")))
        .isEqualTo(PemFiles.readCertificates(root.resolve("ca/trust-bundle.pem")));
    assertThat(out.resolve("enrollment-token")).hasContent("rae_from_file");
  }

  @Test
  void bundle_withoutSiteListOrToken_isRefusedSayingWhat() {
    CliRun noSiteList = bundle("--token", "t", "--out", root.resolve("x").toString());
    CliRun noToken = bundle("--out", root.resolve("y").toString());

    assertThat(noSiteList.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(noSiteList.err()).contains("SiteList.xml does not exist");
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(noToken.err()).contains("--token");
  }
}
