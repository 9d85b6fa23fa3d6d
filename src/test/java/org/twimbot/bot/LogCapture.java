package org.twimbot.bot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of every logger at {@code level} or above while open, and (when
 * {@code quiet}) keeps them off the console. Restores levels and appenders on close.
 */
public final class LogCapture implements AutoCloseable {
    private static final String[] LOGGERS = {Logger.ROOT_LOGGER_NAME, "org.twimbot", "okhttp3"};

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> saved = new HashMap<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

    public LogCapture(Level level, boolean quiet) {
        for (String name : LOGGERS) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            saved.put(name, l.getLevel());
            l.setLevel(level);
        }
        if (quiet) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); )
                detached.add(it.next());
            detached.forEach(root::detachAppender);
        }
        appender.start();
        root.addAppender(appender);
    }

    /** Every event so far, formatted: level, logger, thread, message with arguments, and the stack trace of any exception. */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) { // AppenderBase.doAppend holds this lock while appending
            events = new ArrayList<>(appender.list);
        }
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : events) {
            StringBuilder sb = new StringBuilder()
                    .append(e.getLevel())
                    .append(' ')
                    .append(e.getLoggerName())
                    .append(" [")
                    .append(e.getThreadName())
                    .append("] ")
                    .append(e.getFormattedMessage());
            if (e.getMDCPropertyMap() != null && !e.getMDCPropertyMap().isEmpty())
                sb.append(' ').append(e.getMDCPropertyMap());
            if (e.getThrowableProxy() != null)
                sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            out.add(sb.toString());
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        detached.forEach(root::addAppender);
        saved.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
