package io.relayagent.mesh.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The battery signal, read from directories laid out like Linux's power-supply class. */
class PowerSourceTest {

  @TempDir Path sysfs;

  @Test
  void onBattery_laptopDischargingWithMainsOffline_isOnBattery() throws IOException {
    supply("AC", "type", "Mains\n", "online", "0\n");
    supply("BAT0", "type", "Battery\n", "status", "Discharging\n");

    assertThat(new PowerSource(sysfs).onBattery()).isTrue();
  }

  @Test
  void onBattery_laptopOnMains_isNot() throws IOException {
    supply("AC", "type", "Mains\n", "online", "1\n");
    supply("BAT0", "type", "Battery\n", "status", "Charging\n");
    assertThat(new PowerSource(sysfs).onBattery()).isFalse();

    // Some firmware says "Discharging" for a moment after the plug goes in: mains decides.
    supply("BAT0", "type", "Battery\n", "status", "Discharging\n");
    assertThat(new PowerSource(sysfs).onBattery()).isFalse();
  }

  @Test
  void onBattery_usbPowered_isNot() throws IOException {
    supply("ucsi-source-psy-USBC000:001", "type", "USB\n", "online", "1\n");
    supply("BAT1", "type", "Battery\n", "status", "Discharging\n");

    assertThat(new PowerSource(sysfs).onBattery()).isFalse();
  }

  @Test
  void onBattery_noBatteryOrNoDirectory_isNot() throws IOException {
    assertThat(new PowerSource(sysfs).onBattery()).as("a server: empty class").isFalse();
    supply("AC", "type", "Mains\n", "online", "0\n");
    assertThat(new PowerSource(sysfs).onBattery()).as("a desktop with no battery").isFalse();
    assertThat(new PowerSource(sysfs.resolve("absent")).onBattery()).isFalse();
  }

  @Test
  void onBattery_hostileFiles_areBoundedAndCountAsAbsent() throws IOException {
    Path battery = Files.createDirectories(sysfs.resolve("BAT0"));
    Files.writeString(battery.resolve("type"), "Battery".repeat(100_000));
    Files.writeString(battery.resolve("status"), "Discharging\n");
    Files.createDirectories(sysfs.resolve("BAT1").resolve("type")); // a directory, not a file

    assertThat(new PowerSource(sysfs).onBattery()).isFalse();
  }

  private void supply(String name, String... files) throws IOException {
    Path dir = Files.createDirectories(sysfs.resolve(name));
    for (int i = 0; i < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
  }
}
