package dev.slbcert;

import dev.slbcert.demo.DemoCommand;
import dev.slbcert.emulator.EmulatorCommand;
import dev.slbcert.orphans.OrphansCommand;
import dev.slbcert.runtime.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: wiring only. */
@Command(
    name = "slb-certificate-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
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

  /** The project's version, from the jar's manifest ("dev" when run from classes). */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"slb-certificate-operator " + (version == null ? "dev" : version)};
    }
  }
}
