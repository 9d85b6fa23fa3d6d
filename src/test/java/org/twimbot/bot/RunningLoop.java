package org.twimbot.bot;

import java.util.concurrent.atomic.AtomicReference;

/** A started bot's sync loop on its own thread, remembering how it ended: tests assert that it never dies. */
final class RunningLoop {
    private final Thread thread;
    private final AtomicReference<Throwable> died = new AtomicReference<>();

    private RunningLoop(Bot bot, String name) {
        thread = new Thread(
                () -> {
                    try {
                        bot.run();
                    } catch (Throwable t) {
                        died.set(t);
                    }
                },
                name);
    }

    /** Starts {@code bot}, runs its loop on a thread called {@code name} and waits for its first committed sync. */
    static RunningLoop start(Bot bot, String name) throws Exception {
        bot.start();
        RunningLoop loop = new RunningLoop(bot, name);
        loop.thread.start();
        bot.awaitReady();
        return loop;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** What ended the loop with an exception, or null. */
    Throwable died() {
        return died.get();
    }
}
