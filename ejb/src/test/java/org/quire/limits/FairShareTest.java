package org.quire.limits;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's bookkeeping: a client's share in the node, and everybody's first requests before one client's extra ones. */
class FairShareTest {

    @Test
    void aClientWithItsShareInTheNodeIsRefusedAndLetInWhenOneEnds() {
        FairShare.Node node = new FairShare.Node(100);
        List<FairShare.Turn> turns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FairShare.Node.Entry e = node.enter("hog", 3);
            assertThat(e.outcome()).isEqualTo(FairShare.Node.Outcome.RAN);
            turns.add(e.turn());
        }
        assertThat(node.enter("hog", 3).outcome()).isEqualTo(FairShare.Node.Outcome.REFUSED);
        assertThat(node.enter("other", 3).outcome()).as("another client").isEqualTo(FairShare.Node.Outcome.RAN);
        turns.get(0).close();
        turns.get(0).close(); // twice: counted once
        assertThat(node.inNode("hog")).isEqualTo(2);
        assertThat(node.enter("hog", 3).outcome()).isEqualTo(FairShare.Node.Outcome.RAN);
    }

    @Test
    void whenTheNodeIsBusyAClientsExtraRequestsWaitWhileOthersFirstOnesRun() throws Exception {
        FairShare.Node node = new FairShare.Node(3, 10_000);
        List<FairShare.Turn> hog = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hog.add(node.enter("hog", 8).turn()); // two always, the third because the node was not busy
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<FairShare.Node.Entry> hogsFourth = pool.submit(() -> node.enter("hog", 8));
            Thread.sleep(200);
            assertThat(hogsFourth.isDone()).as("three running: busy").isFalse();
            FairShare.Node.Entry victim = node.enter("victim", 8);
            assertThat(victim.outcome()).as("another client's first request does not wait").isEqualTo(FairShare.Node.Outcome.RAN);
            FairShare.Node.Entry second = node.enter("victim", 8);
            assertThat(second.outcome()).isEqualTo(FairShare.Node.Outcome.RAN);
            Future<FairShare.Node.Entry> victimsThird = pool.submit(() -> node.enter("victim", 8));
            Thread.sleep(200);
            assertThat(victimsThird.isDone()).isFalse();
            assertThat(node.running()).isEqualTo(5);
            hog.get(0).close();
            hog.get(1).close();
            hog.get(2).close();
            victim.turn().close(); // now 1 running: both may go, the victim's (fewer running) is not behind the hog's
            assertThat(victimsThird.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(FairShare.Node.Outcome.WAITED);
            assertThat(hogsFourth.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(FairShare.Node.Outcome.WAITED);
            assertThat(node.running()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFewestRunningGoFirstAndNobodyWaitsLongerThanTheLimit() throws Exception {
        FairShare.Node node = new FairShare.Node(3, 10_000);
        FairShare.Turn a1 = node.enter("a", 8).turn();
        FairShare.Turn a2 = node.enter("a", 8).turn();
        node.enter("b", 8);
        node.enter("b", 8); // four running (two each, which never wait), busy at three
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            Future<?> b3 = pool.submit(() -> order.add("b" + node.enter("b", 8).outcome()));
            Thread.sleep(100);
            Future<?> a3 = pool.submit(() -> order.add("a" + node.enter("a", 8).outcome()));
            Thread.sleep(100);
            a1.close();
            a2.close(); // two running: room for one; a has none running, b two: a's arrived later and still goes first
            a3.get(5, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertThat(order).containsExactly("aWAITED");
            assertThat(b3.isDone()).isFalse();
        } finally {
            pool.shutdownNow();
        }
        FairShare.Node quick = new FairShare.Node(1, 300);
        quick.enter("c", 8);
        quick.enter("c", 8);
        long started = System.nanoTime();
        assertThat(quick.enter("c", 8).outcome()).as("the wait is bounded: it runs anyway").isEqualTo(FairShare.Node.Outcome.WAITED);
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(250L, 3000L);
    }
}
