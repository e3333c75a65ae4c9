package io.relayagent.cli.service;

import io.relayagent.service.ServiceLayout;
import io.relayagent.service.SystemdUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay-agent service print-unit}: the systemd unit install would write, or, with {@code
 * --install-root} and {@code --java-home=}, the unit of another installation (the Debian package
 * makes its unit so at build time).
 */
@Command(
    name = "print-unit",
    mixinStandardHelpOptions = true,
    description = "Print the systemd unit `service install` writes.")
public final class PrintUnitCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ServiceCommand.LayoutOptions layout;

  @Option(
      names = "--install-root",
      paramLabel = "DIR",
      description =
          "The distribution root that holds bin/relay-agent (default: this jar's distribution).")
  private String installRoot;

  @Option(
      names = "--java-home",
      paramLabel = "DIR",
      description =
          "The Java runtime the service runs on (default: this one); empty (--java-home=) leaves"
              + " JAVA_HOME out, so the launcher runs the java on the PATH.")
  private String javaHome;

  @Override
  public Integer call() {
    ServiceLayout thisMachine = ServiceLayout.forThisMachine();
    ServiceLayout linux =
        ServiceLayout.linux(
            installRoot == null ? thisMachine.installRoot() : installRoot,
            javaHome == null ? thisMachine.javaHome() : javaHome);
    ServiceLayout unitLayout = layout.apply(linux);
    // Warnings go to stderr so that the unit on stdout can still be redirected into a file.
    SystemdUnit.sandboxWarnings(unitLayout)
        .forEach(warning -> spec.commandLine().getErr().println("warning: " + warning));
    spec.commandLine().getErr().flush();
    spec.commandLine().getOut().print(SystemdUnit.render(unitLayout));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
