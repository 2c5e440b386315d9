package se.bidrag.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Before Lambda snapshots an initialised function version, the CRaC runtime calls
 * {@link #beforeCheckpoint}: each registered action then does once what the first invocation would
 * otherwise pay for (the SDK's request/response path loaded by one cheap call, the PDF fonts loaded),
 * so environments restored from the snapshot start warm. On a JVM without CRaC (or
 * without SnapStart) the hooks never run and cost only their registration. A failing action is logged
 * and skipped: priming must never stop a version from being published.
 */
public final class Priming implements Resource {
  /** CRaC contexts hold resources weakly; these strong references keep them until the checkpoint. */
  private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

  private final String what;
  private final Runnable action;

  private Priming(String what, Runnable action) {
    this.what = what;
    this.action = action;
  }

  private static volatile boolean armed;

  /** Called where a function starts on Lambda ({@code Platform.fromEnvironment}): priming actions count from now. */
  static void arm() {
    armed = true;
  }

  /**
   * Whether this JVM is a function's own (on Lambda, or a cold-start benchmark's fresh JVM); the local
   * stack runs many handlers in one JVM and never takes a snapshot, so its handlers register nothing.
   */
  public static boolean armed() {
    return armed;
  }

  /** Runs {@code action} before a SnapStart snapshot is taken. */
  public static void register(String what, Runnable action) {
    Priming p = new Priming(what, action);
    REGISTERED.add(p);
    Core.getGlobalContext().register(p);
  }

  /** The registered actions, by name (for the cold-start benchmark and the tests). */
  public static List<String> registered() {
    return REGISTERED.stream().map(p -> p.what).toList();
  }

  /** Runs every registered action now, as a checkpoint would; which succeeded, by name. */
  public static java.util.Map<String, Boolean> primeAll() {
    java.util.Map<String, Boolean> results = new java.util.LinkedHashMap<>();
    for (Priming p : REGISTERED) {
      results.merge(p.what, p.prime(), Boolean::logicalAnd);
    }
    return results;
  }

  private boolean prime() {
    long t0 = System.nanoTime();
    try {
      action.run();
      Log.info("primed", "what", what, "ms", (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (RuntimeException e) {
      Log.warn("priming failed (the snapshot is taken anyway)", "what", what, "error", String.valueOf(e));
      return false;
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to renew: credentials are read at each use (Platform), the clock is the system clock
  }
}
