package dev.virtwire.lab;

/** What a command run by the lab printed and how it ended. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** One line for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "; stdout: " + stdout.strip() + "; stderr: " + stderr.strip();
    }
}
