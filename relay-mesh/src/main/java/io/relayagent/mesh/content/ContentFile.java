package io.relayagent.mesh.content;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * A cached object opened for reading. Once open, the bytes stay readable even if the cache evicts
 * the object and deletes its file meanwhile, so a response in progress is never cut short. Whoever
 * holds it closes it (handing the channel to a {@code ChunkedNioFile} hands that duty on).
 */
public final class ContentFile implements AutoCloseable {

  private final CachedObject object;
  private final FileChannel channel;

  private ContentFile(CachedObject object, FileChannel channel) {
    this.object = object;
    this.channel = channel;
  }

  /**
   * Opens the object's data file.
   *
   * @throws java.nio.file.NoSuchFileException if it was evicted before it could be opened
   */
  static ContentFile open(CachedObject object) throws IOException {
    return new ContentFile(object, FileChannel.open(object.file(), StandardOpenOption.READ));
  }

  public CachedObject object() {
    return object;
  }

  public FileChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // A read-only channel loses nothing when its close fails.
    }
  }
}
