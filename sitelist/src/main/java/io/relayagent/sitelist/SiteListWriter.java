package io.relayagent.sitelist;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes SiteList.xml, keeping every element and attribute it was read with, including those this
 * project does not model. A file is replaced atomically, so a reader never sees half a file.
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

  /** Writes {@code lists} to {@code file} through a temporary file in the same directory. */
  public static void write(SiteLists lists, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
    try {
      Files.write(temp, toBytes(lists));
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
