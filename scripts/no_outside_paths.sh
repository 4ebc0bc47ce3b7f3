#!/usr/bin/env bash
# Fails when code, tests, benches or scripts name a path outside the
# repository: a clone must build and pass its tests on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
dirs=()
for dir in src tests benches examples scripts build.rs .ci; do [ -e "$dir" ] && dirs+=("$dir"); done
status=0

# Files embedded at compile time resolve against the file that names them.
while IFS=: read -r file line literal; do
    rel=${literal#*\(\"}
    rel=${rel%\"}
    target=$(realpath -m "$(dirname "$file")/$rel")
    case "$target" in
        "$root"/*) ;;
        *) echo "$file:$line: $rel leaves the repository"; status=1 ;;
    esac
done < <(grep -rnoE --binary-files=without-match 'include_(str|bytes)!\("[^"]+"' "${dirs[@]}" || true)

# Paths built from the manifest folder that climb out of it, the shared
# folder beside the repository, and this workplace's absolute paths.
if hits=$(grep -rnE --binary-files=without-match 'CARGO_MANIFEST_DIR"\), *"/\.\.|\.\./shared/|"/work/' "${dirs[@]}" \
    | grep -v '^scripts/no_outside_paths.sh:'); then
    echo "$hits" | sed 's/$/  <- outside the repository/'
    status=1
fi

if [ "$status" -ne 0 ]; then
    echo "Code must not read paths outside the repository; copy what it needs into it (tests/fixtures/)."
fi
exit "$status"
