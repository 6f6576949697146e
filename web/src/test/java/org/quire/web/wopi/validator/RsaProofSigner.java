package org.quire.web.wopi.validator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Locale;

/** Proof signing with a current and an old RSA key pair, byte for byte as WOPI.md §2.6 (and the validator's ProofKeysHelper). */
final class RsaProofSigner implements Interpreter.ProofSigner {

    private final KeyPair current;
    private final KeyPair old;

    RsaProofSigner(KeyPair current, KeyPair old) {
        this.current = current;
        this.old = old;
    }

    @Override
    public String signCurrent(String token, String url, long ticks) {
        return sign(current, token, url, ticks);
    }

    @Override
    public String signOld(String token, String url, long ticks) {
        return sign(old, token, url, ticks);
    }

    static byte[] proofData(String token, String url, long ticks) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        byte[] u = url.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + t.length + 4 + u.length + 4 + 8)
                .putInt(t.length).put(t).putInt(u.length).put(u).putInt(8).putLong(ticks).array();
    }

    static String sign(KeyPair key, String token, String url, long ticks) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.getPrivate());
            s.update(proofData(token, url, ticks));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(PublicKey key, String token, String url, long ticks, String proof) {
        if (proof == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(proofData(token, url, ticks));
            return s.verify(Base64.getDecoder().decode(proof));
        } catch (Exception e) {
            return false;
        }
    }
}
