#!/bin/sh
# Launcher installed as target/bin/virtwire by `mvn package`: no arguments opens the window,
# `--demo` opens it on the built-in demo host, anything else is the command line.
here=$(dirname "$(readlink -f "$0")")
lib="$here/../lib"
java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
# VIRTWIRE_JAVA_OPTS holds several JVM options: split on purpose
# shellcheck disable=SC2086
exec "$java" ${VIRTWIRE_JAVA_OPTS:-} -cp "$here/../virtwire.jar:$lib/*" dev.virtwire.Launcher "$@"
