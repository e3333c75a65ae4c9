package io.relayagent.cli.cert;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.trust.CertificateInfo;
import io.relayagent.trust.CrlInfo;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent cert show FILE}: what a PEM certificate (or CRL) file holds. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show each certificate of a PEM file: subject, issuer, validity, role, usages,"
            + " alternative names and SHA-256 fingerprint; or the entries of a PEM CRL file.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:the file is unreadable or holds no certificate or CRL"})
public final class ShowCommand implements Callable<Integer> {
  /** The words people read for each JSON field. */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("subject", "Subject"),
          Map.entry("issuer", "Issuer"),
          Map.entry("serial", "Serial"),
          Map.entry("notBefore", "Valid from"),
          Map.entry("notAfter", "Valid until"),
          Map.entry("role", "Role"),
          Map.entry("keyUsage", "Key usage"),
          Map.entry("extendedKeyUsage", "Extended key usage"),
          Map.entry("subjectAlternativeNames", "Alternative names"),
          Map.entry("sha256Fingerprint", "SHA-256 fingerprint"),
          Map.entry("crlIssuer", "CRL issuer"),
          Map.entry("thisUpdate", "This update"),
          Map.entry("nextUpdate", "Next update"),
          Map.entry("revokedSerials", "Revoked serials"));

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A PEM certificate or CRL file.")
  private Path file;

  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    List<Map<String, Object>> entries = new ArrayList<>();
    try {
      for (X509Certificate certificate : PemFiles.readCertificates(file)) {
        entries.add(describe(CertificateInfo.of(certificate)));
      }
    } catch (TrustFileException noCertificate) {
      try {
        for (X509CRL crl : PemFiles.readCrls(file)) {
          entries.add(describe(CrlInfo.of(crl)));
        }
      } catch (TrustFileException noCrl) {
        return CertFailures.report(spec.commandLine().getErr(), noCertificate);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(entries));
    } else {
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.println();
        }
        print(out, entries.get(i));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> describe(CertificateInfo info) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("subject", info.subject());
    fields.put("issuer", info.issuer());
    fields.put("serial", info.serialHex());
    fields.put("notBefore", info.notBefore().toString());
    fields.put("notAfter", info.notAfter().toString());
    fields.put("role", info.role().map(Role::cliName).orElse(null));
    fields.put("keyUsage", info.keyUsages());
    fields.put("extendedKeyUsage", info.extendedKeyUsages());
    fields.put("subjectAlternativeNames", info.subjectAlternativeNames());
    fields.put("sha256Fingerprint", info.sha256Fingerprint());
    return fields;
  }

  private static Map<String, Object> describe(CrlInfo info) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("crlIssuer", info.issuer());
    fields.put("thisUpdate", info.thisUpdate().toString());
    fields.put("nextUpdate", info.nextUpdate() == null ? null : info.nextUpdate().toString());
    fields.put("revokedSerials", info.revokedSerials());
    return fields;
  }

  /** One "Label: value" line per field, values aligned; lists joined with commas. */
  private static void print(PrintWriter out, Map<String, Object> fields) {
    int width = fields.keySet().stream().mapToInt(key -> LABELS.get(key).length()).max().orElse(0);
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      Object value = field.getValue();
      String text;
      if (value instanceof List<?> list) {
        text =
            list.isEmpty() ? "-" : String.join(", ", list.stream().map(String::valueOf).toList());
      } else {
        text = value == null ? "-" : value.toString();
      }
      String label = LABELS.get(field.getKey());
      out.println(label + ":" + " ".repeat(width - label.length() + 2) + text);
    }
  }
}
