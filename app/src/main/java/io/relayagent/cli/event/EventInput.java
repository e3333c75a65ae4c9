package io.relayagent.cli.event;

import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code event send} checks before it asks the agent, so that a caller learns of a bad event
 * from the command's exit code (2) and never from an event the server refuses later: the data is
 * one JSON value in UTF-8 within {@link DurableEventQueue#MAX_DATA_BYTES}, a sample a regular file
 * within {@link DurableEventQueue#MAX_SAMPLE_BYTES}. The agent checks the same again.
 */
final class EventInput {

  /** A refused input; the message names the limit or the fault. */
  static final class InvalidException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidException(String message) {
      super(message);
    }
  }

  private EventInput() {}

  /** The event's JSON from standard input, read no further than one byte past the limit. */
  static String read(InputStream in) throws IOException, InvalidException {
    byte[] bytes = in.readNBytes(DurableEventQueue.MAX_DATA_BYTES + 1);
    if (bytes.length > DurableEventQueue.MAX_DATA_BYTES) {
      throw tooLarge("more than " + DurableEventQueue.MAX_DATA_BYTES + " bytes");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidException("the event's JSON on standard input is not UTF-8");
    }
  }

  /** Checks the event's JSON: its size in UTF-8, then that it is one well-formed value. */
  static String checkData(String json) throws InvalidException {
    int size = json.getBytes(StandardCharsets.UTF_8).length;
    if (size > DurableEventQueue.MAX_DATA_BYTES) {
      throw tooLarge(size + " bytes");
    }
    try {
      ProtocolJson.checkValue(json, DurableEventQueue.MAX_DATA_BYTES);
    } catch (MalformedJsonException e) {
      throw new InvalidException("the event's data is not one JSON value: " + e.getMessage());
    }
    return json;
  }

  /** The sample's absolute path, once it is known to be a regular file within the limit. */
  static Path checkSample(Path file) throws InvalidException, IOException {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new InvalidException("sample " + absolute + " is not a regular file");
    }
    long size = Files.size(absolute);
    if (size > DurableEventQueue.MAX_SAMPLE_BYTES) {
      throw new InvalidException(
          "sample "
              + absolute
              + " is "
              + size
              + " bytes, over the sample limit of "
              + DurableEventQueue.MAX_SAMPLE_BYTES
              + " bytes (1 MiB)");
    }
    return absolute;
  }

  private static InvalidException tooLarge(String size) {
    return new InvalidException(
        "the event's data is "
            + size
            + ", over the event limit of "
            + DurableEventQueue.MAX_DATA_BYTES
            + " bytes (2 MiB)");
  }
}
