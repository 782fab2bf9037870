package io.dispatch.testdata;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Smart-HTTP git on 127.0.0.1 for tests: {@code /usr/lib/git-core/git-http-backend} run as a CGI
 * for every request under {@code /git/}, behind Basic authentication when a password is set. It
 * gunzips request bodies (JGit gzips its upload-pack requests), and can send slowly or not at all
 * to let tests stop a clone in the middle.
 */
public final class GitHttpServer implements AutoCloseable {

  private static final String BACKEND = "/usr/lib/git-core/git-http-backend";

  private final Path projectRoot;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> users = new CopyOnWriteArrayList<>();
  private volatile String user;
  private volatile String password;
  private volatile int bytesPerSecond;
  private volatile boolean stallUploadPack;

  private GitHttpServer(Path projectRoot) throws IOException {
    this.projectRoot = projectRoot;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/git/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Serves the repositories under {@code projectRoot}, anonymously until {@link #requireBasic}. */
  public static GitHttpServer serve(Path projectRoot) {
    try {
      return new GitHttpServer(projectRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on, every request needs {@code user:password}. */
  public GitHttpServer requireBasic(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  /** Sends answers at about {@code rate} bytes a second. */
  public GitHttpServer throttle(int rate) {
    this.bytesPerSecond = rate;
    return this;
  }

  /** Never answers the pack request, as a hung server would. */
  public GitHttpServer stallUploadPack() {
    this.stallUploadPack = true;
    return this;
  }

  /** {@code http://127.0.0.1:<port>/git/<name>.git} */
  public String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + name + ".git";
  }

  /** The user names of the requests that passed authentication. */
  public List<String> users() {
    return users;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String remoteUser = authenticate(exchange);
      if (remoteUser == null) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      String path = exchange.getRequestURI().getPath();
      if (stallUploadPack && path.endsWith("/git-upload-pack")) {
        Thread.sleep(60_000);
        return;
      }
      runBackend(exchange, path.substring("/git".length()), remoteUser, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String authenticate(HttpExchange exchange) {
    if (password == null) {
      return "";
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded =
        new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    if (!decoded.equals(user + ":" + password)) {
      return null;
    }
    users.add(user);
    return user;
  }

  private void runBackend(HttpExchange exchange, String pathInfo, String remoteUser, byte[] body)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(BACKEND).redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    env.put("GIT_PROJECT_ROOT", projectRoot.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_CONFIG_COUNT", "1");
    env.put("GIT_CONFIG_KEY_0", "safe.directory");
    env.put("GIT_CONFIG_VALUE_0", "*");
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", pathInfo);
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    env.put("CONTENT_TYPE", type == null ? "" : type);
    env.put("CONTENT_LENGTH", String.valueOf(body.length));
    env.put("REMOTE_USER", remoteUser);
    env.put("REMOTE_ADDR", "127.0.0.1");
    String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
    if (protocol != null) {
      env.put("GIT_PROTOCOL", protocol);
    }
    Process process = pb.start();
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(body);
      }
      InputStream stdout = new BufferedInputStream(process.getInputStream());
      int status = 200;
      String line;
      while (!(line = readLine(stdout)).isEmpty()) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Status")) {
          status = Integer.parseInt(value.substring(0, 3));
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      copy(stdout, exchange.getResponseBody());
      process.waitFor();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private void copy(InputStream in, OutputStream out) throws IOException, InterruptedException {
    int rate = bytesPerSecond;
    byte[] buffer = new byte[rate > 0 ? Math.max(1, Math.min(8192, rate / 10)) : 65536];
    int n;
    while ((n = in.read(buffer)) != -1) {
      out.write(buffer, 0, n);
      if (rate > 0) {
        out.flush();
        Thread.sleep(1000L * n / rate);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
