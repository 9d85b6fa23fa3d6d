package org.twimbot.store;

/**
 * A value held in memory that changes with the store's transactions, like a row would: a change is seen at once by
 * the rest of the transaction that made it, by other threads only once that transaction commits, and is undone when
 * the transaction, or the {@link StoreTx#isolated} step that made it, rolls back. For state kept in memory next to
 * the store (the catalog with the projects editors added, the editors room's power levels).
 */
public final class Transactional<T> {
    private volatile T committed;
    /** The value changed by the open transaction, if {@link #staged}. Only its thread touches these two. */
    private T pending;

    private boolean staged;

    public Transactional(T initial) {
        this.committed = initial;
    }

    /** The committed value: what any thread may read at any time. */
    public T get() {
        return committed;
    }

    /** The value as the open transaction {@code tx} sees it: its own change, else the committed one. */
    public T in(StoreTx tx) {
        return staged ? pending : committed;
    }

    /** Changes the value within {@code tx}. */
    public void set(StoreTx tx, T value) {
        T before = pending;
        boolean wasStaged = staged;
        pending = value;
        staged = true;
        tx.onEnd(
                () -> {
                    committed = value;
                    pending = null;
                    staged = false;
                },
                () -> {
                    pending = before;
                    staged = wasStaged;
                });
    }

    /** Sets the committed value outside any transaction's change (at start-up, from the homeserver or the store). */
    public void reset(T value) {
        committed = value;
    }
}
