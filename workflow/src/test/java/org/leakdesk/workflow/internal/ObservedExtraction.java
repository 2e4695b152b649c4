package org.leakdesk.workflow.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.context.Context;
import org.leakdesk.intake.MetadataExtraction;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The real intake extraction, watched: records for each case whether a transaction (Spring's or
 * the engine's) was open when it was called, and fails the cases a test names. Thread-safe, as
 * the worker's threads call it while a test sets it up.
 */
final class ObservedExtraction implements MetadataExtraction {

    private final MetadataExtraction real;
    private final Map<UUID, Boolean> transactionOpen = new ConcurrentHashMap<>();
    private final Map<UUID, RuntimeException> failures = new ConcurrentHashMap<>();
    private final Map<UUID, Runnable> beforeExtracting = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();

    ObservedExtraction(MetadataExtraction real) {
        this.real = real;
    }

    @Override
    public ExtractionSummary extractAll(UUID submissionId, Runnable beforeEachDocument) {
        transactionOpen.put(
                submissionId,
                TransactionSynchronizationManager.isActualTransactionActive() || Context.getCommandContext() != null);
        attempts.merge(submissionId, 1, Integer::sum);
        RuntimeException failure = failures.get(submissionId);
        if (failure != null) {
            throw failure;
        }
        Runnable before = beforeExtracting.remove(submissionId);
        if (before != null) {
            before.run();
        }
        return real.extractAll(submissionId, beforeEachDocument);
    }

    /** Whether a transaction was open at the last extraction of the case; empty if it was never extracted. */
    Optional<Boolean> transactionOpenAt(UUID submissionId) {
        return Optional.ofNullable(transactionOpen.get(submissionId));
    }

    /** How often the case's extraction was called, whether it failed or not. */
    int attempts(UUID submissionId) {
        return attempts.getOrDefault(submissionId, 0);
    }

    /** Every extraction of the case throws this from now on. */
    void failFor(UUID submissionId, RuntimeException failure) {
        failures.put(submissionId, failure);
    }

    /** Runs {@code action} on the worker's thread once, when the case's extraction has begun. */
    void beforeExtracting(UUID submissionId, Runnable action) {
        beforeExtracting.put(submissionId, action);
    }

    /** Extractions of the case work again (the cause was fixed). */
    void recover(UUID submissionId) {
        failures.remove(submissionId);
    }

    /** Puts the observer around the application's extraction bean. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Wrapping {

        @Bean
        static BeanPostProcessor observeExtraction() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof MetadataExtraction real && !(bean instanceof ObservedExtraction)
                            ? new ObservedExtraction(real)
                            : bean;
                }
            };
        }
    }
}
