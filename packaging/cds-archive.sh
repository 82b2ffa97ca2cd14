#!/usr/bin/env bash
# Called by `mvn package`: a training run of the launcher lists the classes a command loads, and the launcher
# dumps them into target/virtwire.jsa (a static AppCDS archive), which it then maps instead of loading them
# one by one. libvirt's test driver exercises the libvirt path too; without libvirt0 the demo host is used.
set -uo pipefail
target=$1
archive="$target/virtwire.jsa"
rm -f "$archive" "$archive.java" "$archive.classes"
for host in "--connect test:///default" "--demo"; do
  # shellcheck disable=SC2086
  if VIRTWIRE_CDS_TRAINING=list "$target/bin/virtwire" topology $host --json >/dev/null 2>&1 \
      && VIRTWIRE_CDS_TRAINING=dump "$target/bin/virtwire" >/dev/null 2>&1 && [ -s "$archive" ]; then
    echo "cds-archive: $archive (trained on topology $host)"
    exit 0
  fi
  rm -f "$archive" "$archive.java" "$archive.classes"
done
echo "cds-archive: no class-data archive (the launcher works without it, starting slower)"
