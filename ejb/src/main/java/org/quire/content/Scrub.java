package org.quire.content;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One verification of a blob store: every blob file's content is hashed again (streamed) and compared with its
 * name (a mismatch or an unreadable file is <em>corrupt</em>), then every referenced hash is looked up (no file is
 * <em>missing</em>). Progress is readable from other threads while it runs.
 */
public final class Scrub {

    public enum State { RUNNING, DONE }

    /** What a reader sees: a consistent copy of the figures at one moment. */
    public record Report(State state, long checked, long total, List<String> corrupt, List<String> missing, Instant started, Instant finished) {
    }

    private final Instant started;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final List<String> corrupt = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();
    private volatile Instant finished;

    public Scrub(Instant started) {
        this.started = started;
    }

    /** Runs the verification on this thread; {@code referenced} are the hashes rows point to. */
    public void run(FileSystemBlobStore store, Collection<String> referenced, java.time.Clock clock) throws IOException {
        try {
            long[] files = new long[1];
            store.forEachBlob(b -> files[0]++);
            total.set(files[0] + referenced.size());
            store.forEachBlob(blob -> {
                if (!matches(blob)) {
                    synchronized (corrupt) {
                        corrupt.add(blob.sha256());
                    }
                }
                checked.incrementAndGet();
            });
            for (String sha : referenced) {
                if (!store.isStored(sha)) {
                    synchronized (missing) {
                        missing.add(sha);
                    }
                }
                checked.incrementAndGet();
            }
        } finally {
            total.set(Math.max(total.get(), checked.get()));
            finished = clock.instant();
        }
    }

    private static boolean matches(FileSystemBlobStore.StoredBlob blob) {
        try {
            return FileSystemBlobStore.hashOf(blob.path()).equals(blob.sha256());
        } catch (java.nio.file.NoSuchFileException purgedMeanwhile) {
            return true; // deleted by a purge after it was listed: nothing left to be wrong
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Ends a scrub that could not run to its end (what it found so far stays). */
    public void abandon(Instant when) {
        if (finished == null) {
            finished = when;
        }
    }

    public Report report() {
        List<String> c;
        List<String> m;
        synchronized (corrupt) {
            c = List.copyOf(corrupt);
        }
        synchronized (missing) {
            m = List.copyOf(missing);
        }
        Instant end = finished;
        return new Report(end == null ? State.RUNNING : State.DONE, checked.get(), total.get(), c, m, started, end);
    }
}
