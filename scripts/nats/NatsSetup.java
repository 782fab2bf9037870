import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares the test NATS server with nothing but the JDK, so that {@code scripts/test-services.sh}
 * can run it as a single source file ({@code java scripts/nats/NatsSetup.java …}) before anything
 * is built, from any copy of the scripts:
 *
 * <pre>
 * NatsSetup keys DIR                     an NKey user: DIR/user.seed (SU…) and DIR/user.pub (U…), once
 * NatsSetup stream URL DIR NAME SUBJECT [file|memory]
 *                                        creates the JetStream stream NAME for SUBJECT (e.g. it.>),
 *                                        as that user; an existing stream is left as it is
 * NatsSetup watch URL DIR SUBJECT        prints each message on SUBJECT as it arrives
 * </pre>
 *
 * NKeys are base32 (RFC 4648, no padding) of prefix byte(s), the 32-byte Ed25519 seed or public
 * key, and a CRC-16/XMODEM of both, little-endian.
 */
public final class NatsSetup {

  private static final int PREFIX_SEED = 18 << 3;
  private static final int PREFIX_USER = 20 << 3;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private NatsSetup() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("keys")) {
      keys(Path.of(args[1]));
    } else if ((args.length == 5 || args.length == 6) && args[0].equals("stream")) {
      String storage = args.length == 6 ? args[5] : "file";
      System.out.println(
          createStream(URI.create(args[1]), Path.of(args[2]), args[3], args[4], storage));
    } else if (args.length == 4 && args[0].equals("watch")) {
      watch(URI.create(args[1]), Path.of(args[2]), args[3]);
    } else {
      System.err.println(
          "usage: NatsSetup keys DIR | stream nats://HOST:PORT DIR NAME SUBJECT"
              + " | watch nats://HOST:PORT DIR SUBJECT");
      System.exit(2);
    }
  }

  /** Makes DIR/user.seed and DIR/user.pub unless the seed is already there. */
  public static void keys(Path dir) throws GeneralSecurityException, IOException {
    if (Files.exists(dir.resolve("user.seed"))) {
      return;
    }
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] seed = last32(pair.getPrivate().getEncoded());
    byte[] pub = last32(pair.getPublic().getEncoded());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("user.pub"), encode(new byte[] {(byte) PREFIX_USER}, pub) + "\n");
    Path seedFile = dir.resolve("user.seed");
    Files.writeString(
        seedFile,
        encode(
                new byte[] {
                  (byte) (PREFIX_SEED | PREFIX_USER >> 5), (byte) ((PREFIX_USER & 31) << 3)
                },
                seed)
            + "\n");
  }

  /**
   * Signs {@code nonce} with the user seed {@code seed} (SU…), as the NATS nonce challenge asks.
   */
  public static String sign(String seed, byte[] nonce) throws GeneralSecurityException {
    byte[] raw = decode(seed);
    byte[] key = Arrays.copyOfRange(raw, 2, 34);
    var spec = new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(spec));
    s.update(nonce);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  /**
   * Creates the stream over the NATS text protocol, authenticated as DIR's user.
   *
   * @return what happened, one line
   */
  public static String createStream(
      URI server, Path dir, String name, String subject, String storage) throws Exception {
    String config =
        "{\"name\":\""
            + name
            + "\",\"subjects\":[\""
            + subject
            + "\"],\"storage\":\""
            + storage
            + "\",\"retention\":\"limits\",\"max_age\":86400000000000,"
            + "\"max_bytes\":"
            + (storage.equals("memory") ? 48 << 20 : 1 << 30)
            + ",\"discard\":\"old\",\"num_replicas\":1}";
    try (Session session = Session.open(server, dir)) {
      session.send(
          "SUB _INBOX.setup 1\r\nPUB $JS.API.STREAM.INFO." + name + " _INBOX.setup 0\r\n\r\n");
      if (!session.nextMessage()[1].contains("\"error\"")) {
        return "stream " + name + " exists";
      }
      session.send(
          "PUB $JS.API.STREAM.CREATE."
              + name
              + " _INBOX.setup "
              + config.getBytes(StandardCharsets.UTF_8).length
              + "\r\n"
              + config
              + "\r\n");
      String answer = session.nextMessage()[1];
      if (answer.contains("\"error\"")) {
        throw new IOException("creating stream " + name + " failed: " + answer);
      }
      return "stream " + name + " created for " + subject;
    }
  }

  /** Prints every message on {@code subject} as it arrives, one line each, until killed. */
  public static void watch(URI server, Path dir, String subject) throws Exception {
    try (Session session = Session.open(server, dir)) {
      session.socket.setSoTimeout(0);
      session.send("SUB " + subject + " 1\r\n");
      while (true) {
        String[] message = session.nextMessage();
        System.out.println(message[0] + "  " + message[1]);
        System.out.flush();
      }
    }
  }

  /** One connection speaking the NATS text protocol, authenticated with DIR's NKey user. */
  private static final class Session implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Session(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    static Session open(URI server, Path dir) throws Exception {
      String seed = Files.readString(dir.resolve("user.seed")).strip();
      String pub = Files.readString(dir.resolve("user.pub")).strip();
      Session s = new Session(new Socket(server.getHost(), server.getPort()));
      s.socket.setSoTimeout(10_000);
      Matcher nonce = Pattern.compile("\"nonce\":\"([^\"]+)\"").matcher(s.line());
      if (!nonce.find()) {
        s.close();
        throw new IOException("the server sent no nonce: is NKey authentication configured?");
      }
      s.send(
          "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"headers\":true,"
              + "\"no_responders\":true,\"nkey\":\""
              + pub
              + "\",\"sig\":\""
              + sign(seed, nonce.group(1).getBytes(StandardCharsets.UTF_8))
              + "\"}\r\n");
      return s;
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** The next message's subject and payload; answers pings, fails on an error. */
    String[] nextMessage() throws IOException {
      for (String line = line(); ; line = line()) {
        if (line.startsWith("-ERR")) {
          throw new IOException("the server refused: " + line);
        }
        if (line.equals("PING")) {
          send("PONG\r\n");
        } else if (line.startsWith("MSG ") || line.startsWith("HMSG ")) {
          String[] parts = line.split(" ");
          int size = Integer.parseInt(parts[parts.length - 1]);
          int headers = line.startsWith("HMSG ") ? Integer.parseInt(parts[parts.length - 2]) : 0;
          byte[] body = in.readNBytes(size + 2);
          String payload = new String(body, headers, size - headers, StandardCharsets.UTF_8);
          return new String[] {parts[1], payload};
        }
      }
    }

    private String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("the server closed the connection");
        }
        if (c != '\r') {
          b.write(c);
        }
      }
      return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static byte[] last32(byte[] encoded) {
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  static String encode(byte[] prefix, byte[] key) {
    byte[] raw = new byte[prefix.length + key.length + 2];
    System.arraycopy(prefix, 0, raw, 0, prefix.length);
    System.arraycopy(key, 0, raw, prefix.length, key.length);
    int crc = crc16(raw, raw.length - 2);
    raw[raw.length - 2] = (byte) crc;
    raw[raw.length - 1] = (byte) (crc >>> 8);
    StringBuilder b = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte value : raw) {
      buffer = (buffer << 8) | (value & 0xff);
      bits += 8;
      while (bits >= 5) {
        b.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      b.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return b.toString();
  }

  static byte[] decode(String text) {
    byte[] out = new byte[text.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : text.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int crc16(byte[] data, int length) {
    int crc = 0;
    for (int i = 0; i < length; i++) {
      crc ^= (data[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xffff;
  }
}
