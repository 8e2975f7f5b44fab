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
        return tool("helm");
    }

    /** prom-label-proxy, for the tenancy mode's tests (see {@link PromLabelProxy}). */
    public static Path promLabelProxy() {
        return tool("prom-label-proxy");
    }

    /** krew and its manifest validator, for the plugin manifest's tests. */
    public static Path krew() {
        return tool("krew");
    }

    public static Path validateKrewManifest() {
        return tool("validate-krew-manifest");
    }

    private static Path tool(String name) {
        Path tool = cache().resolve("tools").resolve(name);
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool + " is missing: run hack/build-control-plane.sh");
        }
        return tool;
    }
}
