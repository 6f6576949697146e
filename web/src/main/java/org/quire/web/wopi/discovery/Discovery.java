package org.quire.web.wopi.discovery;

import org.quire.web.wopi.proof.ProofKey;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A WOPI client's discovery document: its actions per file extension and its proof keys (either may be absent). */
public record Discovery(List<Action> actions, ProofKey proofKey, ProofKey oldProofKey, Instant fetched) {

    /** One {@code <action>} of an {@code <app>}. */
    public record Action(String app, String name, String ext, String urlsrc, List<String> requires, boolean isDefault) {
    }

    /** The action named {@code name} for files with extension {@code ext} (case-insensitive). */
    public Optional<Action> action(String ext, String name) {
        String e = ext.toLowerCase(Locale.ROOT);
        return actions.stream().filter(a -> a.ext().equalsIgnoreCase(e) && a.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean publishesProofKeys() {
        return proofKey != null;
    }
}
