package io.dinserving.impressions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends impressions to JSON Lines files from one writer thread. A request only offers its
 * impression to a bounded queue: when the queue is full or the disk fails, impressions are dropped
 * and counted, and the request never waits. Files are written as {@code .jsonl.part} and renamed to
 * {@code .jsonl} when complete (by size, by age, or at shutdown), so a reader of {@code *.jsonl}
 * never sees half a file.
 */
public final class ImpressionLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImpressionLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int DRAIN = 256;

    private final ImpressionsProperties settings;
    private final String instance;
    private final Clock clock;
    private final BlockingQueue<Impression> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    // Touched by the writer thread only.
    private BufferedWriter out;
    private Path part;
    private long partBytes;
    private long partOpened;
    private int sequence;

    /** @param instance names this replica's files apart from the others' in a shared directory */
    public ImpressionLog(ImpressionsProperties settings, String instance, Clock clock) {
        this.settings = settings;
        this.instance = instance;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** Whether this ranking is to be logged: decided first, so the impression is built only when it is. */
    public boolean sampled() {
        double rate = settings.sampleRate();
        return running && rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
    }

    /** Queues an impression for writing, or drops and counts it when the queue is full. */
    public void offer(Impression impression) {
        if (!queue.offer(impression)) {
            dropped.incrementAndGet();
        }
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        if (settings.sampleRate() <= 0) {
            return;
        }
        running = true;
        writer = new Thread(this::write, "impression-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes what is queued, then completes the open file. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            writer.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped after the web server, so the rankings of its last requests are written too. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }

    private void write() {
        List<Impression> batch = new ArrayList<>(DRAIN);
        while (running || !queue.isEmpty()) {
            try {
                Impression first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, DRAIN - 1);
                    append(batch);
                    batch.clear();
                }
                if (out != null
                        && clock.millis() - partOpened >= settings.maxFileAge().toMillis()) {
                    complete();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        complete();
    }

    private void append(List<Impression> batch) {
        try {
            for (Impression impression : batch) {
                if (out == null) {
                    open();
                }
                String line = JSON.writeValueAsString(impression);
                out.write(line);
                out.newLine();
                partBytes += line.length() + 1;
                written.incrementAndGet();
                if (partBytes >= settings.maxFileSize().toBytes()) {
                    complete();
                }
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            long lost = batch.size();
            dropped.addAndGet(lost);
            log.warn("Cannot write impressions to {}: {}; dropped the batch", part, e.toString());
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(settings.directory());
        long now = clock.millis();
        part = settings.directory()
                .resolve("impressions-" + STAMP.format(java.time.Instant.ofEpochMilli(now)) + "-" + instance + "-"
                        + (sequence++) + ".jsonl.part");
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(part), StandardCharsets.UTF_8));
        partBytes = 0;
        partOpened = now;
    }

    private void complete() {
        if (out == null) {
            return;
        }
        Path done = part.resolveSibling(part.getFileName().toString().replaceFirst("\\.part$", ""));
        try {
            out.close();
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot complete {}: {}", part, e.toString());
        }
        out = null;
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // The file is already failing; what was flushed stays for a reader of .part files.
        }
        out = null;
    }
}
