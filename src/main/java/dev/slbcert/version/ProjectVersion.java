package dev.slbcert.version;

import picocli.CommandLine;

/** The project's version, from the jar's manifest ("dev" when run from classes), for every command's --version. */
public final class ProjectVersion implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ProjectVersion.class.getPackage().getImplementationVersion();
    return new String[] {"slb-certificate-operator " + (version == null ? "dev" : version)};
  }
}
