package dev.klaxon.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT class that works against the packaged operator on the real cluster: before its tests, a
 * fresh namespace of its own and an operator process that watches it (with {@link #settings});
 * after them, the operator stopped. The class's static fields marked {@link Operated} receive
 * the admin client, the namespace and the operator, so the class holds no setup of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OperatorEnvironment.class)
public @interface OperatorTest {

    /** The prefix of the namespace made for the class. */
    String namespace();

    /** More JVM settings of the operator ({@code -Dklaxon.…=…}); later ones win. */
    String[] settings() default {};

    /**
     * Make the namespace a tenant's as production has it ({@link Tenants#create}: restricted Pod
     * Security, the approval gate) where {@link #responders} may work incidents and approve runs.
     */
    boolean tenant() default false;

    /** With {@link #tenant}: the users who are responders there. */
    String[] responders() default {};

    /**
     * More namespaces the operator watches, as tenants beside the test's own: each is named
     * {@code <namespace>-<suffix>} (e.g. "shop" makes "noise-1a2b3c-shop").
     */
    String[] moreNamespaces() default {};

    /** Also run the responder site, and have the operator put its links in pages ({@link ResponderSiteProcess}). */
    boolean responderSite() default false;

    /**
     * A static field of an {@link OperatorTest} class to receive, by its type, the cluster's admin
     * client, the namespace, the operator or (with {@link #responderSite}) the responder site.
     */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Operated {
    }
}
