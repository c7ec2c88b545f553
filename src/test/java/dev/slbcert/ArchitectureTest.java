package dev.slbcert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The boundaries the layout promises, read from the sources. */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/dev/slbcert");

  @Test
  void onlyTheAliyunPackageImportsTheAlibabaSdk() {
    assertThat(sources(MAIN)).filteredOn(f -> read(f).contains("import com.aliyuncs."))
        .allSatisfy(f -> assertThat(f.getParent()).isEqualTo(MAIN.resolve("slb/aliyun")))
        .isNotEmpty();
  }

  @Test
  void theEmulatorKeepsItsOwnReadingOfSlbAndImportsNothingOfTheClient() {
    assertThat(sources(MAIN.resolve("emulator"))).allSatisfy(f -> assertThat(read(f)).as(f.toString()).doesNotContain("import dev.slbcert.slb."));
  }

  @Test
  void noSourceFileIsLongerThanThreeHundredLines() {
    assertThat(sources(MAIN)).allSatisfy(f -> assertThat(read(f).lines().count()).as(f.toString()).isLessThanOrEqualTo(300));
  }

  private static List<Path> sources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
