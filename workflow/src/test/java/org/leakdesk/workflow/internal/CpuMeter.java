package org.leakdesk.workflow.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a benchmark's CPU time went (Linux {@code /proc}), so a figure taken on a shared machine
 * says how much of it was spent by this benchmark and how much by everything else: this JVM (engine,
 * workers, encryption), its descendants (the parser children), the PostgreSQL backends serving this
 * JVM's connections, and the whole machine. Zero where {@code /proc} is not there.
 */
final class CpuMeter {

    private static final Path PROC = Path.of("/proc");
    /** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux this runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final JdbcClient jdbc;
    private final long jvmNanos;
    private final Map<Long, Duration> children;
    private final Map<Long, Long> backendTicks;
    private final long[] machineTicks;
    private final long wallNanos = System.nanoTime();

    private CpuMeter(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.jvmNanos = jvmCpuNanos();
        this.children = childCpu();
        this.backendTicks = backendTicks(jdbc);
        this.machineTicks = machineTicks();
    }

    /** Starts measuring; {@code jdbc} finds this database's backends. */
    static CpuMeter start(JdbcClient jdbc) {
        return new CpuMeter(jdbc);
    }

    /**
     * Prints {@code cpu_ms_per_case_*} and the machine's load over the measured time, each key
     * after {@code prefix}; returns the total CPU milliseconds per case.
     */
    double print(int cases, String prefix) {
        double wallSeconds = (System.nanoTime() - wallNanos) / 1e9;
        double jvmMillis = (jvmCpuNanos() - jvmNanos) / 1e6;
        double childMillis = 0;
        for (Map.Entry<Long, Duration> now : childCpu().entrySet()) {
            childMillis += now.getValue()
                            .minus(children.getOrDefault(now.getKey(), Duration.ZERO))
                            .toNanos()
                    / 1e6;
        }
        double backendMillis = 0;
        for (Map.Entry<Long, Long> now : backendTicks(jdbc).entrySet()) {
            backendMillis += (now.getValue() - backendTicks.getOrDefault(now.getKey(), 0L)) * MILLIS_PER_TICK;
        }
        long[] machine = machineTicks();
        double machineBusyMillis = (machine[0] - machineTicks[0]) * MILLIS_PER_TICK;
        double machineMillis = (machine[1] - machineTicks[1]) * MILLIS_PER_TICK;
        double ours = jvmMillis + childMillis + backendMillis;
        System.out.printf("%scpu_ms_per_case_jvm=%.2f%n", prefix, jvmMillis / cases);
        System.out.printf("%scpu_ms_per_case_parser_children=%.2f%n", prefix, childMillis / cases);
        System.out.printf("%scpu_ms_per_case_postgres_backends=%.2f%n", prefix, backendMillis / cases);
        System.out.printf("%scpu_ms_per_case_total=%.2f%n", prefix, ours / cases);
        if (machineMillis > 0) {
            System.out.printf("%smachine_cpu_busy_pct=%.0f%n", prefix, 100 * machineBusyMillis / machineMillis);
            // What the hypervisor gave to other guests: time this machine's CPUs could not run anything.
            System.out.printf(
                    "%smachine_cpu_stolen_pct=%.1f%n",
                    prefix, 100.0 * (machine[2] - machineTicks[2]) * MILLIS_PER_TICK / machineMillis);
            System.out.printf(
                    "%sother_processes_cores=%.2f%n",
                    prefix, Math.max(0, machineBusyMillis - ours) / 1000 / wallSeconds);
        }
        return ours / cases;
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static Map<Long, Duration> childCpu() {
        Map<Long, Duration> cpu = new HashMap<>();
        ProcessHandle.current()
                .descendants()
                .forEach(child -> child.info().totalCpuDuration().ifPresent(d -> cpu.put(child.pid(), d)));
        return cpu;
    }

    private static Map<Long, Long> backendTicks(JdbcClient jdbc) {
        List<Long> pids = jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                .query(Long.class)
                .list();
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
                // Fields after the command name (which may hold spaces) in ")": utime and stime are 14 and 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException e) {
                // Not Linux, or the backend ended: it counts as nothing.
            }
        }
        return ticks;
    }

    /** Busy, total and stolen ticks of the whole machine (time stolen by the hypervisor counts as not busy). */
    private static long[] machineTicks() {
        try {
            String[] cpu =
                    Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal (guest time is counted in user already)
            long total = 0;
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long steal = Long.parseLong(cpu[8]);
            long notOurs = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]) + steal;
            return new long[] {total - notOurs, total, steal};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }
}
