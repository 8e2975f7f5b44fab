package dev.klaxon.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Binaries built by hack/build-control-plane.sh into the cache outside the repository. */
public final class Tools {

    private Tools() {
    }

    public static Path cache() {
        String configured = System.getenv("KLAXON_CACHE");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "klaxon");
    }

    public static Path helm() {
        Path helm = cache().resolve("tools/helm");
        if (!Files.isExecutable(helm)) {
            throw new IllegalStateException(helm + " is missing: run hack/build-control-plane.sh");
        }
        return helm;
    }

    /** prom-label-proxy, for the tenancy mode's tests. */
    public static Path promLabelProxy() {
        Path proxy = cache().resolve("tools/prom-label-proxy");
        if (!Files.isExecutable(proxy)) {
            throw new IllegalStateException(proxy + " is missing: run hack/build-control-plane.sh");
        }
        return proxy;
    }
}
