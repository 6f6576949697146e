package org.quire.web.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Plays the WOPI client's side that Quire checks: it publishes a discovery document with proof keys at
 * {@value #DISCOVERY_URL} (the URL the IT containers are configured with) and signs requests with the
 * matching private key, exactly as ONLYOFFICE or Office do (WOPI.md §2.6).
 */
public final class WopiClientDouble implements AutoCloseable {

    public static final int PORT = 18992;
    public static final String DISCOVERY_URL = "http://127.0.0.1:" + PORT + "/hosting/discovery";
    static final long EPOCH_TICKS = 621_355_968_000_000_000L;

    private final KeyPair current;
    private final KeyPair old;
    private final HttpServer server;

    public WopiClientDouble() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            current = generator.generateKeyPair();
            old = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        } catch (BindException e) {
            throw new IllegalStateException("port " + PORT + " (the WOPI client double) is busy; free it to run the WOPI ITs", e);
        }
        server.createContext("/hosting/discovery", exchange -> {
            byte[] xml = discoveryXml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, xml.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(xml);
            }
        });
        server.start();
    }

    String discoveryXml() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><wopi-discovery><net-zone name=\"external-http\">"
                + "<app name=\"Word\"><action name=\"edit\" ext=\"docx\" default=\"true\" requires=\"locks,update\" "
                + "urlsrc=\"http://127.0.0.1:" + PORT + "/hosting/wopi/word/edit?&lt;ui=UI_LLCC&amp;&gt;&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;\"/>"
                + "<action name=\"view\" ext=\"docx\" urlsrc=\"http://127.0.0.1:" + PORT + "/hosting/wopi/word/view?&lt;wopisrc=WOPI_SOURCE&amp;&gt;&amp;\"/>"
                + "</app>"
                // as Microsoft's discovery: the validator's test file type, so a .wopitest document can be opened for the validator suite
                + "<app name=\"WopiTest\"><action name=\"view\" ext=\"wopitest\" urlsrc=\"http://127.0.0.1:" + PORT + "/hosting/wopi/test/view?&lt;wopisrc=WOPI_SOURCE&amp;&gt;\"/>"
                + "<action name=\"edit\" ext=\"wopitest\" requires=\"locks,update\" urlsrc=\"http://127.0.0.1:" + PORT + "/hosting/wopi/test/edit?&lt;wopisrc=WOPI_SOURCE&amp;&gt;\"/>"
                + "</app></net-zone><proof-key modulus=\"" + b64(modulus(current)) + "\" exponent=\"AQAB\" oldmodulus=\""
                + b64(modulus(old)) + "\" oldexponent=\"AQAB\"/></wopi-discovery>";
    }

    /** Adds X-WOPI-Proof, X-WOPI-ProofOld and X-WOPI-TimeStamp for the URL and token of the request. */
    public HttpRequest.Builder sign(HttpRequest.Builder request, String url, String accessToken) {
        return sign(request, url, accessToken, Instant.now());
    }

    public HttpRequest.Builder sign(HttpRequest.Builder request, String url, String accessToken, Instant at) {
        long ticks = EPOCH_TICKS + at.getEpochSecond() * 10_000_000L + at.getNano() / 100;
        return request.header("X-WOPI-TimeStamp", String.valueOf(ticks))
                .header("X-WOPI-Proof", signature(current, accessToken, url, ticks))
                .header("X-WOPI-ProofOld", signature(old, accessToken, url, ticks));
    }

    /** The X-WOPI-Proof value with the current key, for callers that assemble or mutate the proof headers themselves. */
    public String proofWithCurrentKey(String accessToken, String url, long ticks) {
        return signature(current, accessToken, url, ticks);
    }

    /** The X-WOPI-ProofOld value (the old key), for callers that assemble or mutate the proof headers themselves. */
    public String proofWithOldKey(String accessToken, String url, long ticks) {
        return signature(old, accessToken, url, ticks);
    }

    /** Signs with a key Quire does not know: a forged proof. */
    public HttpRequest.Builder signWithUnknownKey(HttpRequest.Builder request, String url, String accessToken) throws Exception {
        KeyPair stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        long ticks = EPOCH_TICKS + Instant.now().getEpochSecond() * 10_000_000L;
        return request.header("X-WOPI-TimeStamp", String.valueOf(ticks))
                .header("X-WOPI-Proof", signature(stranger, accessToken, url, ticks))
                .header("X-WOPI-ProofOld", signature(stranger, accessToken, url, ticks));
    }

    static String signature(KeyPair key, String token, String url, long ticks) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        byte[] u = url.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] data = ByteBuffer.allocate(4 + t.length + 4 + u.length + 4 + 8)
                .putInt(t.length).put(t).putInt(u.length).put(u).putInt(8).putLong(ticks).array();
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(data);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] modulus(KeyPair key) {
        BigInteger m = ((RSAPublicKey) key.getPublic()).getModulus();
        byte[] bytes = m.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
