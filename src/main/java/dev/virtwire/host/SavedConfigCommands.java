package dev.virtwire.host;

import dev.virtwire.model.ConfigFile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argv that change the host's saved configuration: previews show exactly these and the real host runs them
 * ({@link HostTextFiles}). A file is written beside itself under a hidden name (no manager loads it: ifupdown's
 * {@code source interfaces.d/*}, NetworkManager, networkd and sysctl.d all skip dot files), given its mode and
 * owner, then renamed over the old one, so a reader (or a reboot) sees the old file or the new one, never half.
 */
public final class SavedConfigCommands {
    public static final String NM_BUS = "org.freedesktop.NetworkManager";
    public static final String NM_OBJECT = "/org/freedesktop/NetworkManager";
    /** Roll back deletes profiles made since and takes down devices made since (a new bridge goes away). */
    public static final int CHECKPOINT_FLAGS = 0x02 | 0x04;
    private static final String NEW_SUFFIX = ".virtwire-new";

    private SavedConfigCommands() {
    }

    /** tee (the text on stdin), chmod, chown, mv: the file replaced in one rename. */
    public static List<HostCommand.Run> write(ConfigFile file) {
        String staged = staged(file.path());
        List<HostCommand.Run> out = new java.util.ArrayList<>(stage(file, staged));
        out.add(new HostCommand.Run(List.of("mv", "-f", staged, file.path())));
        return List.copyOf(out);
    }

    /** tee (the text on stdin), chmod, chown: the file's text with its mode and owner at {@code staged}. */
    public static List<HostCommand.Run> stage(ConfigFile file, String staged) {
        return List.of(new HostCommand.Run(List.of("tee", staged), file.text()),
                new HostCommand.Run(List.of("chmod", file.mode(), staged)),
                new HostCommand.Run(List.of("chown", file.owner() + ":" + file.group(), staged)));
    }

    /** {@code DIR/.NAME.virtwire-new}: in the same directory, so that the rename is atomic. */
    public static String staged(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + NEW_SUFFIX;
    }

    public static List<String> remove(String path) {
        return List.of("rm", "-f", "--", path);
    }

    public static List<String> nmcliLoad(String path) {
        return List.of("nmcli", "connection", "load", path);
    }

    public static List<String> nmcliUp(String uuid) {
        return List.of("nmcli", "connection", "up", "uuid", uuid);
    }

    /**
     * The device's active profile, as loaded now, applied to it without taking it down (NetworkManager refuses,
     * naming the setting, a change it cannot apply so).
     */
    public static List<String> nmcliReapply(String device) {
        return List.of("nmcli", "device", "reapply", device);
    }

    /** A profile activated by its name (netplan's profiles are named, their uuids are netplan's to choose). */
    public static List<String> nmcliUpId(String id) {
        return List.of("nmcli", "connection", "up", "id", id);
    }

    /** Every profile file read again (netplan's rendered keyfiles too). */
    public static List<String> nmcliReload() {
        return List.of("nmcli", "connection", "reload");
    }

    public static List<String> nmcliDelete(String uuid) {
        return List.of("nmcli", "connection", "delete", "uuid", uuid);
    }

    /** NetworkManager's D-Bus call: every device (an empty list), the rollback timeout, {@link #CHECKPOINT_FLAGS}. */
    public static List<String> checkpointCreate(int seconds) {
        return List.of("busctl", "call", NM_BUS, NM_OBJECT, NM_BUS, "CheckpointCreate", "aouu", "0",
                Integer.toString(seconds), Integer.toString(CHECKPOINT_FLAGS));
    }

    public static List<String> checkpointDestroy(String checkpointPath) {
        return List.of("busctl", "call", NM_BUS, NM_OBJECT, NM_BUS, "CheckpointDestroy", "o", checkpointPath);
    }

    /** NetworkManager's D-Bus property that lists the checkpoints it holds now. */
    public static List<String> checkpointsHeld() {
        return List.of("busctl", "get-property", NM_BUS, NM_OBJECT, NM_BUS, "Checkpoints");
    }

    /** The paths in busctl's answer: {@code ao 2 "/org/…/Checkpoint/3" "/org/…/Checkpoint/4"}, or {@code ao 0}. */
    public static List<String> checkpointPaths(String busctlReply) {
        String reply = busctlReply.strip();
        Matcher head = Pattern.compile("ao (\\d+)").matcher(reply);
        List<String> paths = Pattern.compile("\"([^\"]*)\"").matcher(reply).results()
                .map(m -> m.group(1)).toList();
        if (!head.lookingAt() || Integer.parseInt(head.group(1)) != paths.size()) {
            throw new HostException("NetworkManager did not list its checkpoints: '" + reply + "'");
        }
        return paths;
    }

    /** Where the host keeps the path of the checkpoint armed under this id (a confirm may come from another run). */
    public static String checkpointFile(String id) {
        return RevertWatchdogScript.DIRECTORY + "/nm-checkpoint-" + RevertWatchdogScript.requireId(id);
    }

    /** What arming shows: the call, then the checkpoint's path (busctl prints it) kept in the id's file. */
    public static List<HostCommand.Run> armCheckpoint(String id, int seconds) {
        return List.of(new HostCommand.Run(checkpointCreate(seconds)),
                new HostCommand.Run(List.of("mkdir", "-p", RevertWatchdogScript.DIRECTORY)),
                new HostCommand.Run(List.of("tee", checkpointFile(id)), "CHECKPOINT-PATH-PRINTED-ABOVE\n"));
    }

    /** What disarming shows: the kept path read, the checkpoint destroyed, the file removed. */
    public static List<HostCommand.Run> disarmCheckpoint(String id) {
        return List.of(new HostCommand.Run(List.of("cat", checkpointFile(id))),
                new HostCommand.Run(checkpointDestroy("CHECKPOINT-PATH-READ-ABOVE")),
                new HostCommand.Run(remove(checkpointFile(id))));
    }

    /** The object path in busctl's reply {@code o "/org/freedesktop/NetworkManager/Checkpoint/3"}. */
    public static String checkpointPath(String busctlReply) {
        String reply = busctlReply.strip();
        int open = reply.indexOf('"');
        int close = reply.lastIndexOf('"');
        if (!reply.startsWith("o ") || open < 0 || close <= open) {
            throw new HostException("NetworkManager did not answer with a checkpoint: '" + reply + "'");
        }
        return reply.substring(open + 1, close);
    }
}
