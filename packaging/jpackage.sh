#!/usr/bin/env bash
# Called by `mvn -Pdist package`: a jpackage app-image in target/dist, and a .deb when fakeroot exists.
set -euo pipefail
version=$1
here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
target="$project/target"
input="$target/jpackage-input"

rm -rf "$input" "$target/dist"
mkdir -p "$input" "$target/dist"
cp "$target/virtwire.jar" "$target"/lib/*.jar "$input/"

common=(--name virtwire --app-version "$version" --input "$input" --main-jar virtwire.jar
        --main-class dev.virtwire.Launcher --icon "$project/assets/icons/virtwire.png"
        --description "Network manager for KVM/libvirt hosts" --vendor "Virtwire" --dest "$target/dist")

jpackage --type app-image "${common[@]}"
echo "jpackage: app-image in target/dist/virtwire (run target/dist/virtwire/bin/virtwire)"

if command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null; then
  # --resource-dir: jpackage takes our virtwire.desktop (translations, keywords) instead of its own
  jpackage --type deb "${common[@]}" --resource-dir "$here" --linux-shortcut --linux-menu-group "System;Network" \
    --linux-app-category net --linux-deb-maintainer "virtwire@localhost" \
    --linux-package-deps "libvirt0, libgtk-3-0"
  echo "jpackage: $(ls "$target"/dist/*.deb)"
else
  echo "jpackage: no .deb: install fakeroot (apt-get install fakeroot) to build one"
fi
