package dev.virtwire.log;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Routes {@link System.Logger} to {@link Log}, found by the JDK through META-INF/services: no logging library
 * and no java.util.logging set-up on the way (a cold command pays for neither).
 */
public final class LoggerFinder extends System.LoggerFinder {
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new LineLogger(name);
    }

    private record LineLogger(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return Log.wanted(name, level);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                Log.write(level, name, String.valueOf(message), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String message = params == null || params.length == 0 ? String.valueOf(format)
                        : MessageFormat.format(String.valueOf(format), params);
                Log.write(level, name, message, null);
            }
        }
    }
}
