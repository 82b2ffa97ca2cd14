#!/bin/sh
# Launcher installed as target/bin/virtwire by `mvn package`: no arguments opens the window,
# `--demo` opens it on the built-in demo host, anything else is the command line.
here=$(dirname "$(readlink -f "$0")")
lib="$here/../lib"
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
# the package's own runtime (jlink'ed, next to the launcher) is the JVM its class-data archive was made with
[ -x "$here/../runtime/bin/java" ] && java="$here/../runtime/bin/java"

# JVM warnings go to stderr, never into a command's JSON on stdout
opts="-Xlog:all=warning:stderr"
# The class-data archive made at build time (packaging/cds-archive.sh) halves start-up. A static archive, not
# a dynamic one: only a static one holds picocli, whose classes are too old (Java 5) for the dynamic layer.
# Only the JVM that made it may map it: another one prints its refusal on stdout, before any -Xlog applies.
archive="$here/../virtwire.jsa"
# the jars in a fixed order (C collation): the archive records the classpath and refuses any other order, and a
# directory's own order (what java makes of "lib/*") differs between the build's file system and the user's.
# JavaFX is not on it: JavaFX expects to be loaded as modules (on the classpath it warns "Unsupported JavaFX
# configuration" at every window start), so the runs that may open the window get it on the module path.
classpath=$(LC_ALL=C; printf '%s' "$here/../virtwire.jar"
  for jar in "$lib"/*.jar; do case ${jar##*/} in javafx-*) ;; *) printf ':%s' "$jar" ;; esac; done)
javafx=$(LC_ALL=C; printf '%s:' "$lib"/javafx-*.jar)
javabin=$(readlink -f "$(command -v "$java")")
case "${VIRTWIRE_CDS_TRAINING:-}" in
  list) # the training run: which classes a command loads
    opts="$opts -XX:DumpLoadedClassList=$archive.classes" ;;
  dump) # those classes, parsed and verified once, into the archive (with the classpath it will be used with)
    printf '%s\n' "$javabin" > "$archive.java"
    exec "$java" -Xshare:dump -XX:SharedClassListFile="$archive.classes" -XX:SharedArchiveFile="$archive" \
      -cp "$classpath" ;;
  *) if [ -f "$archive" ] && [ "$(cat "$archive.java" 2>/dev/null)" = "$javabin" ]; then
       opts="$opts -XX:SharedArchiveFile=$archive"
     fi ;;
esac

# the package ships JNA's native library next to the jars (JavaFX finds its own there): nothing is unpacked
# into the user's home at start
[ -f "$lib/libjnidispatch.so" ] && opts="$opts -Djna.boot.library.path=$lib -Djna.nounpack=true"

# A resident session answers `topology` (see SessionAddress) warm: the launcher's first try is a small client
# (java.base only) that hands the command line to the session on a Unix socket in the user's runtime dir. When
# none answers (exit 125), a session is started (detached, in /, its command line on stdin: no host name in the
# process list) and given this command; when it cannot answer (124, or 125 again), the command runs here, as
# always. --no-session (anywhere on the command line) or VIRTWIRE_SESSION=off: this process runs the command.
session=${VIRTWIRE_SESSION:-on}
for arg; do
  shift
  if [ "$arg" = --no-session ]; then session=off; else set -- "$@" "$arg"; fi
done
# (a package without the client's jar runs every command here: java's own "could not find" must not reach the user)
if [ "$session" != off ] && [ "${1:-}" = topology ] && [ -z "${VIRTWIRE_CDS_TRAINING:-}" ] \
    && [ -f "$here/../virtwire-session-client.jar" ]; then
  # the client runs little code: the interpreter alone, no compiler threads, no perf-data file start fastest
  client() {
    "$java" -Xint -XX:+UseSerialGC -XX:-UsePerfData -Xlog:all=warning:stderr -cp "$here/../virtwire-session-client.jar" \
      dev.virtwire.cli.session.SessionClient "$@"
  }
  client "$@"
  answered=$?
  if [ "$answered" -eq 125 ]; then
    detached=
    command -v setsid >/dev/null && detached=setsid
    # shellcheck disable=SC2086
    # the quick compiler only: on a busy two-CPU host it reaches fast code within a few commands (the optimising
    # one kept compiling for dozens, slower meanwhile: medians of 10 warm commands 565-616 ms against 649-773)
    printf '%s\0' "$@" | (cd / && exec $detached "$java" $opts -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$classpath" \
      dev.virtwire.cli.session.ResidentSession >/dev/null 2>&1) &
    VIRTWIRE_SESSION_STARTING=$! client "$@"
    answered=$?
  fi
  [ "$answered" -ne 124 ] && [ "$answered" -ne 125 ] && exit "$answered"
fi

# a command-line run is short: the quick compiler and a simple collector start fastest.
# The window (no arguments, only --demo, or --screenshot) keeps the JVM's defaults.
window=no
[ "$#" -eq 0 ] && window=yes
[ "$#" -eq 1 ] && [ "$1" = "--demo" ] && window=yes
for arg in "$@"; do [ "$arg" = "--screenshot" ] && window=yes; done
[ "$window" = no ] && opts="$opts -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Only options (no command word first) may open the window, on the host they name (--connect, --netns...):
# those runs load JavaFX's modules; a command, --help and --version do not need them.
modules=
case "${1:--}" in
  -h|--help|-V|--version) ;;
  -*) modules=${javafx%:} ;;
esac

# $opts and VIRTWIRE_JAVA_OPTS hold several JVM options: split on purpose
# shellcheck disable=SC2086
exec "$java" $opts ${VIRTWIRE_JAVA_OPTS:-} ${modules:+--module-path "$modules" --add-modules javafx.controls,javafx.swing} \
  -cp "$classpath" dev.virtwire.Launcher "$@"
