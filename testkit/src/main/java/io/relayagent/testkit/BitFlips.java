package io.relayagent.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One flipped bit, the damage a bad sector, a bad cable or a cosmic ray leaves in a file, at
 * positions chosen deterministically so that a failing position can be replayed. The bit flipped at
 * position {@code p} is bit {@code p % 8}, so a walk over the positions tries every bit of a byte
 * too.
 *
 * <pre>{@code
 * byte[] pristine = Files.readAllBytes(file);
 * for (int at : BitFlips.positions(pristine.length, 200)) {
 *   Files.write(file, BitFlips.flipped(pristine, at));
 *   ... restart, then assert what the damage may cost ...
 * }
 * }</pre>
 */
public final class BitFlips {

  /** The first and last bytes of a file are always tried: headers and tails are where it breaks. */
  private static final int EDGE = 16;

  /** What a test checks after one flip; {@code at} is the position flipped. */
  @FunctionalInterface
  public interface Check {
    void after(int at) throws Exception;
  }

  private BitFlips() {}

  /**
   * For each of {@link #positions(int, int) positions(size, most)} of {@code file}: flips that bit,
   * runs {@code check}, and puts the file back as it was, whatever the check did to it.
   */
  public static void eachFlip(Path file, int most, Check check) throws Exception {
    byte[] pristine = Files.readAllBytes(file);
    try {
      for (int at : positions(pristine.length, most)) {
        Files.write(file, flipped(pristine, at));
        check.after(at);
      }
    } finally {
      Files.write(file, pristine);
    }
  }

  /**
   * Positions in a file of {@code length} bytes: every one if there are at most {@code most},
   * otherwise the first and last {@value #EDGE} and evenly spaced ones between (the middle among
   * them), {@code most} in all. The same arguments give the same positions.
   */
  public static int[] positions(int length, int most) {
    if (length <= most) {
      return IntStream.range(0, length).toArray();
    }
    if (most < 2 * EDGE + 1) {
      throw new IllegalArgumentException("at least " + (2 * EDGE + 1) + " positions, not " + most);
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    IntStream.range(0, EDGE).forEach(i -> chosen.add(i));
    IntStream.range(length - EDGE, length).forEach(i -> chosen.add(i));
    chosen.add(length / 2);
    int between = most - chosen.size();
    for (int i = 1; i <= between; i++) {
      chosen.add(EDGE + (int) ((long) i * (length - 2 * EDGE) / (between + 1)));
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A copy of {@code bytes} with bit {@code at % 8} of byte {@code at} flipped. */
  public static byte[] flipped(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= (byte) (1 << (at % 8));
    return copy;
  }

  /** Flips bit {@code at % 8} of byte {@code at} of {@code file}, in place. */
  public static void flip(Path file, int at) throws IOException {
    Files.write(file, flipped(Files.readAllBytes(file), at));
  }
}
