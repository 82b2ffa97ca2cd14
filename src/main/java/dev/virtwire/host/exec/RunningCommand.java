package dev.virtwire.host.exec;

/** A long-running command (a monitor) whose output lines are being delivered; closing it ends the process. */
public final class RunningCommand implements AutoCloseable {
    private final Process process;
    private final Thread reader;

    RunningCommand(Process process, Thread reader) {
        this.process = process;
        this.reader = reader;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        reader.interrupt();
    }
}
