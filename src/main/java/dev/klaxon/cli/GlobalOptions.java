package dev.klaxon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** kubectl's connection flags, accepted before or after the verb. */
final class GlobalOptions {

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, description = "Namespace (default: the kubeconfig context's).")
    String namespace;

    @Option(names = "--context", scope = ScopeType.INHERIT, description = "Kubeconfig context to use.")
    String context;

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, description = "Kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    String kubeconfig;

    @Option(names = "--as", scope = ScopeType.INHERIT, description = "User to impersonate.")
    String as;

    @Option(names = "--as-group", scope = ScopeType.INHERIT, description = "Group to impersonate; repeat for several.")
    List<String> asGroups = new ArrayList<>();
}
