package io.relayagent.cli.service;

import io.relayagent.service.ServiceLayout;
import io.relayagent.service.SystemdUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code relay-agent service print-unit}: the systemd unit install would write. */
@Command(
    name = "print-unit",
    mixinStandardHelpOptions = true,
    description = "Print the systemd unit `service install` writes.")
public final class PrintUnitCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ServiceCommand.LayoutOptions layout;

  @Override
  public Integer call() {
    ServiceLayout thisMachine = ServiceLayout.forThisMachine();
    ServiceLayout linux = ServiceLayout.linux(thisMachine.installRoot(), thisMachine.javaHome());
    spec.commandLine().getOut().print(SystemdUnit.render(layout.apply(linux)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
