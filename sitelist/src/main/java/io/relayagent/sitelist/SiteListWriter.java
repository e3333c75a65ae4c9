package io.relayagent.sitelist;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes SiteList.xml, keeping every element and attribute it was read with, including those this
 * project does not model. A file is replaced atomically and durably, so a reader never sees half a
 * file and a power cut leaves the old file or the new one.
 */
public final class SiteListWriter {

  private SiteListWriter() {}

  /** The document as UTF-8 bytes. */
  public static byte[] toBytes(SiteLists lists) {
    try {
      Marshaller marshaller = SiteListReader.context().createMarshaller();
      marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
      marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      marshaller.marshal(lists, out);
      return out.toByteArray();
    } catch (JAXBException e) {
      throw new IllegalStateException("cannot write a SiteList: " + e.getMessage(), e);
    }
  }

  /** Writes {@code lists} to {@code file} whole or not at all ({@link AtomicFile}). */
  public static void write(SiteLists lists, Path file) throws IOException {
    AtomicFile.replace(file, toBytes(lists), FileAccess.PRIVATE);
  }
}
