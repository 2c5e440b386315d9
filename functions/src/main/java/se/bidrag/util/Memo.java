package se.bidrag.util;

import java.util.function.Supplier;

/** A value computed on first use, once, thread-safely. */
public final class Memo<T> implements Supplier<T> {
  private final Supplier<? extends T> factory;
  private volatile T value;

  public Memo(Supplier<? extends T> factory) {
    this.factory = factory;
  }

  /** Whether the value has been computed (without computing it). */
  public boolean isComputed() {
    return value != null;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = factory.get();
          value = v;
        }
      }
    }
    return v;
  }
}
