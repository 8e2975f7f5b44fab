package dev.klaxon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of local processes, from /proc, for the benchmarks. */
public final class ProcessCpu {

    /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
    public static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** User and system CPU time of the process so far, in ticks. */
    public static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of a process by its command name (comm), e.g. kube-apiserver. */
    public static long pidOf(String name) {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).strip().equals(name);
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
