package io.relayagent.server.repo;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.repo.RepositoryName;
import io.relayagent.server.http.ApiRequest;
import io.relayagent.server.http.Endpoint;
import io.relayagent.server.http.HttpProblem;
import io.relayagent.server.http.Reply;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code GET}/{@code HEAD /repo/<name>}: the catalog, its signature and the signer's chain, and
 * every file the catalog lists, for agents and for relays' content caches. A file is opened without
 * following a symbolic link, and served only if it is still exactly what the catalog says (else the
 * repository is scanned again first), so {@code Repr-Digest} always matches the bytes sent.
 */
public final class RepositoryEndpoint implements Endpoint {
  private final Repository repository;

  public RepositoryEndpoint(Repository repository) {
    this.repository = repository;
  }

  @Override
  public Reply handle(ApiRequest request) throws HttpProblem, IOException {
    if (!request.isRead()) {
      throw HttpProblem.methodNotAllowed("GET, HEAD");
    }
    String name = request.path().substring(ServerPaths.REPOSITORY.length());
    Repository.Published published = repository.published();
    switch (name) {
      case RepositoryName.CATALOG:
        return RepresentationReplies.reply(request.http(), published.catalogJson(), null);
      case RepositoryName.SIGNATURE:
        return RepresentationReplies.reply(request.http(), published.signature(), null);
      case RepositoryName.CHAIN:
        return RepresentationReplies.reply(request.http(), published.chain(), null);
      default:
        break;
    }
    if (name.indexOf('%') >= 0) {
      throw HttpProblem.badRequest("repository names need no escaping: '%' is never in one");
    }
    try {
      RepositoryName.check(name);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
    return serve(request, name, true);
  }

  private Reply serve(ApiRequest request, String name, boolean mayRescan)
      throws HttpProblem, IOException {
    ScannedFile file =
        repository
            .file(name)
            .orElseThrow(() -> HttpProblem.notFound("the catalog lists no file " + name));
    FileChannel channel;
    try {
      channel = FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return changed(request, name, mayRescan);
    }
    boolean same;
    try {
      BasicFileAttributes now =
          Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      same =
          now.isRegularFile()
              && channel.size() == file.size()
              && file.sameAs(now.size(), now.lastModifiedTime(), now.fileKey());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (!same) {
      channel.close();
      return changed(request, name, mayRescan);
    }
    try {
      return RepresentationReplies.reply(request.http(), Representation.ofFile(file), channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The file changed since the last scan: scan now, publishing a new catalog, and try again. */
  private Reply changed(ApiRequest request, String name, boolean mayRescan)
      throws HttpProblem, IOException {
    if (!mayRescan) {
      throw new HttpProblem(
          HttpResponseStatus.SERVICE_UNAVAILABLE, "the file is being changed; try again later");
    }
    repository.rescan();
    return serve(request, name, false);
  }
}
