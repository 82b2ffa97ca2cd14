package dev.virtwire.cli;

/**
 * A preview line as the text output shows it: a command gets a shell prompt, and what follows a command indented
 * (the XML or file lines it reads, a note on what undo does) keeps its place under it without one, so a reader
 * never takes a line of XML or a note for something to type.
 */
final class PromptedLines {
    private PromptedLines() {
    }

    static String prompted(String line) {
        return line.startsWith(" ") ? "  " + line : "$ " + line;
    }
}
