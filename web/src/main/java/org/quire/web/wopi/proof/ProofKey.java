package org.quire.web.wopi.proof;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A WOPI client's RSA proof key, as its discovery XML publishes it: either {@code modulus}/{@code exponent}
 * (base64, big-endian) or {@code value}, a Microsoft CAPI PUBLICKEYBLOB (WOPI.md §2.6). Verification is
 * RSASSA-PKCS1-v1_5 with SHA-256, through BouncyCastle's lightweight API.
 */
public record ProofKey(BigInteger modulus, BigInteger exponent) {

    private static final int BLOB_HEADER = 8;
    private static final int RSA_PUBKEY = 12;

    public static ProofKey fromModulusAndExponent(String modulusBase64, String exponentBase64) {
        return new ProofKey(new BigInteger(1, Base64.getDecoder().decode(modulusBase64.strip())),
                new BigInteger(1, Base64.getDecoder().decode(exponentBase64.strip())));
    }

    /** Parses a PUBLICKEYBLOB: BLOBHEADER (type 0x06, version 0x02, CALG_RSA_KEYX), RSAPUBKEY ("RSA1", bit length, exponent), little-endian modulus. */
    public static ProofKey fromCspBlob(String valueBase64) {
        byte[] blob = Base64.getDecoder().decode(valueBase64.strip());
        if (blob.length < BLOB_HEADER + RSA_PUBKEY) {
            throw new IllegalArgumentException("proof key blob too short");
        }
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != 0x06 || b.get(1) != 0x02 || b.getInt(4) != 0x0000A400) {
            throw new IllegalArgumentException("not an RSA PUBLICKEYBLOB");
        }
        if (b.getInt(8) != 0x31415352) { // "RSA1"
            throw new IllegalArgumentException("proof key blob lacks the RSA1 magic");
        }
        int bits = b.getInt(12);
        long exponent = Integer.toUnsignedLong(b.getInt(16));
        int length = bits / 8;
        if (bits <= 0 || bits % 8 != 0 || blob.length < BLOB_HEADER + RSA_PUBKEY + length) {
            throw new IllegalArgumentException("proof key blob has a bad modulus length");
        }
        byte[] modulus = new byte[length];
        for (int i = 0; i < length; i++) {
            modulus[i] = blob[BLOB_HEADER + RSA_PUBKEY + length - 1 - i];
        }
        return new ProofKey(new BigInteger(1, modulus), BigInteger.valueOf(exponent));
    }

    /** True when {@code signatureBase64} is this key's signature of {@code data}; false for anything malformed. */
    public boolean verifies(byte[] data, String signatureBase64) {
        if (signatureBase64 == null || signatureBase64.isBlank()) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        RSADigestSigner verifier = new RSADigestSigner(new SHA256Digest());
        verifier.init(false, new RSAKeyParameters(false, modulus, exponent));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }
}
