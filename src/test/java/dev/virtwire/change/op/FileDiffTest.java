package dev.virtwire.change.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileDiffTest {
    @Test
    void changedLinesAreMarkedAndLongUnchangedRunsShortened() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\nold\n";
        String after = "a\nb\nc\nd\ne\nf\ng\nh\nnew\nmore\n";
        assertEquals(List.of("--- /f", "+++ /f", " a", " b", " c", "@@ 2 unchanged lines @@", " f", " g", " h",
                "-old", "+new", "+more"), FileDiff.of("/f", before, after, true, true));
    }

    @Test
    void aNewFileIsAllAddedAndARemovedOneAllRemoved() {
        assertEquals(List.of("--- /dev/null", "+++ /f", "+x"), FileDiff.of("/f", "", "x\n", false, true));
        assertEquals(List.of("--- /f", "+++ /dev/null", "-x"), FileDiff.of("/f", "x\n", "", true, false));
    }
}
