package io.dinserving.users;

import static io.dinserving.users.UserHistoryTest.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Appends to one user from many threads at once, with interleaved times: what every store must survive. */
final class ConcurrentAppends {

    private ConcurrentAppends() {}

    /** Each thread writes every {@code threads}-th millisecond, so no two events share a time. */
    static void run(UserStore store, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long time = (long) i * threads + thread;
                        store.append("u", List.of(event("e" + time, "i" + time, time)));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
