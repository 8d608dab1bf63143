package io.getorcreate.example;

import io.getorcreate.GetOrCreateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Streams rows into batches and imports them on a number of threads: the calling thread reads, and a short
 * queue between it and the importing threads keeps only a few batches in memory, however long the file.
 */
final class Batches {
    /** What the rows are read from: hands every row to {@code rows}, in order. */
    @FunctionalInterface
    interface Source {
        void forEach(Consumer<OrderRow> rows) throws IOException;
    }

    /** How many rows were imported, and the rows refused, by line. */
    record Result(long imported, List<Importer.Failure> failures) {}

    /** Tells an importing thread that no more batches come. */
    private static final List<OrderRow> END = List.of();

    private final Importer importer;
    private final int batchSize;
    private final int threads;
    private final boolean stopOnFailure;

    /**
     * With {@code batchSize} 1, each row is imported on its own, one get-or-create per entity (the per-row
     * path); otherwise each batch is one {@code getOrCreateAll} per entity.
     */
    Batches(Importer importer, int batchSize, int threads, boolean stopOnFailure) {
        this.importer = importer;
        this.batchSize = batchSize;
        this.threads = threads;
        this.stopOnFailure = stopOnFailure;
    }

    /**
     * Imports every row of {@code source}; a row the database refuses is reported, and the rest go on unless
     * {@code stopOnFailure}, which stops reading and starts no further batch.
     *
     * @throws IOException if reading {@code source} fails; the batches read before it are imported
     */
    Result importAll(Source source, Tally tally, Progress progress) throws IOException, InterruptedException {
        BlockingQueue<List<OrderRow>> queue = new ArrayBlockingQueue<>(2 * threads);
        ConcurrentLinkedQueue<Importer.Failure> failures = new ConcurrentLinkedQueue<>();
        AtomicLong imported = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    // Takes every batch until END, even after a stop, so that the reader never waits on a full queue.
                    for (List<OrderRow> batch = queue.take(); batch != END; batch = queue.take()) {
                        if (stop.get()) {
                            continue;
                        }
                        try {
                            Importer.BatchResult result = importOne(batch, tally);
                            imported.addAndGet(result.imported());
                            failures.addAll(result.failures());
                            if (stopOnFailure && !result.failures().isEmpty()) {
                                stop.set(true);
                            }
                        } catch (RuntimeException | Error e) {
                            crash.compareAndSet(null, e);
                            stop.set(true);
                        }
                        progress.step(batch.size());
                    }
                    return null;
                }));
            }
            read(source, queue, stop);
        } finally {
            for (int t = 0; t < threads; t++) {
                queue.put(END);
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    crash.compareAndSet(null, e.getCause());
                }
            }
            pool.shutdownNow();
        }
        if (crash.get() != null) {
            throw new IllegalStateException("an import thread failed", crash.get());
        }
        progress.finish();
        return new Result(imported.get(),
                failures.stream().sorted(Comparator.comparingLong(Importer.Failure::line)).toList());
    }

    private Importer.BatchResult importOne(List<OrderRow> batch, Tally tally) {
        if (batchSize > 1) {
            return importer.importBatch(batch, tally, stopOnFailure);
        }
        List<Importer.Failure> failures = new ArrayList<>();
        for (OrderRow row : batch) {
            try {
                importer.importRow(row, tally);
            } catch (GetOrCreateException e) {
                failures.add(new Importer.Failure(row.line(), e.getMessage()));
            }
        }
        return new Importer.BatchResult(batch.size() - failures.size(), failures);
    }

    /** Reads {@code source} into batches on the queue, until its end or a stop. */
    private void read(Source source, BlockingQueue<List<OrderRow>> queue, AtomicBoolean stop)
            throws IOException, InterruptedException {
        final class Reader implements Consumer<OrderRow> {
            List<OrderRow> batch = new ArrayList<>(batchSize);

            @Override
            public void accept(OrderRow row) {
                if (stop.get()) {
                    throw new Stopped();
                }
                batch.add(row);
                if (batch.size() == batchSize) {
                    hand(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }

            void hand(List<OrderRow> full) {
                try {
                    queue.put(full);
                } catch (InterruptedException e) {
                    throw new Stopped(e);
                }
            }
        }
        Reader reader = new Reader();
        try {
            source.forEach(reader);
            if (!reader.batch.isEmpty()) {
                reader.hand(reader.batch);
            }
        } catch (Stopped stopped) {
            if (stopped.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
        }
    }

    /** Ends the reading early: a stop, or an interrupt while waiting for room in the queue. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }

        Stopped(InterruptedException cause) {
            super(null, cause, false, false);
        }
    }
}
