package dev.slbcert;

import dev.slbcert.demo.DemoCommand;
import dev.slbcert.emulator.EmulatorCommand;
import dev.slbcert.orphans.OrphansCommand;
import dev.slbcert.runtime.RunCommand;
import dev.slbcert.version.ProjectVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: wiring only. */
@Command(
    name = "slb-certificate-operator",
    mixinStandardHelpOptions = true,
    versionProvider = ProjectVersion.class,
    description = "Manages Alibaba Cloud SLB server certificates as Kubernetes resources.",
    subcommands = {RunCommand.class, OrphansCommand.class, EmulatorCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** With no sub-command, run the operator. */
  @Override
  public void run() {
    int code = new CommandLine(new RunCommand()).execute();
    if (code != 0) {
      System.exit(code);
    }
  }
}
