#!/usr/bin/env bash
# The modules of src/storage import one another in layers, never in a
# circle (issue 25): lists every edge `a -> b` (module a names module b
# through `super::b` or `crate::storage::b`) and fails on a cycle, or when a
# module takes an item from storage's root (`super::Store`) instead of from
# the module that defines it: the root re-exports every module, so such an
# edge is a circle through the root.
#
# Test code is left out (test files and the `#[cfg(test)] mod tests` at the
# end of a file): tests may reach into any layer.
#
# `--list` prints the edges and nothing else (the check still runs).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=src/storage
modules=$(find "$dir" -mindepth 1 -maxdepth 1 \( -name '*.rs' ! -name mod.rs -printf '%f\n' -o -type d -printf '%f\n' \) \
    | sed 's/\.rs$//' | sort -u)

edges=$(find "$dir" -name '*.rs' ! -name mod.rs ! -name tests.rs ! -name '*_tests.rs' | sort | while read -r file; do
    rel=${file#"$dir"/}
    from=${rel%%/*}
    from=${from%.rs}
    # How many `super::` reach storage's root from this file: one for
    # `storage/x.rs`, two for `storage/x/y.rs`, and so on.
    slashes=${rel//[^\/]/}
    depth=$((${#slashes} + 1))
    MODULES="$modules" DEPTH=$depth FROM=$from perl -0777 -ne '
        my %module = map { $_ => 1 } split /\n/, $ENV{MODULES};
        my $root = "super::" x $ENV{DEPTH};
        s/\n#\[cfg\(test\)\]\s*mod tests \{.*//s;   # the tests at the end
        s{//[^\n]*}{}g;                               # comments, docs included
        my %seen;
        my @names;
        # A group may hold groups (`{a::{B, C}, d}`): only each top-level
        # entry'"'"'s first name is a module of storage.
        while (/(?:\Q$root\E|crate::storage::)(?:(\{(?:[^{}]++|(?1))*\})|(\w+))/g) {
            if (defined $1) {
                my $group = substr($1, 1, -1);
                1 while $group =~ s/\{[^{}]*\}//g;
                push @names, map { /^\s*(\w+)/ ? $1 : () } split /,/, $group;
            } else {
                push @names, $2;
            }
        }
        for my $name (@names) {
            next if $name eq "self" || $name eq $ENV{FROM};
            my $to = $module{$name} ? $name : "ROOT($name)";
            print "$ENV{FROM} -> $to\n" unless $seen{$to}++;
        }
    ' "$file"
done | sort -u)

if [ "${1:-}" = --list ]; then
    echo "$edges"
fi

status=0
if root=$(grep 'ROOT(' <<<"$edges"); then
    echo "storage modules must import from the module that defines an item, not from storage's root:"
    echo "$root"
    status=1
fi
if ! loops=$(grep -v 'ROOT(' <<<"$edges" | awk '{print $1, $3}' | tsort 2>&1 >/dev/null) || [ -n "$loops" ]; then
    echo "storage's modules import in a circle:"
    echo "$loops"
    status=1
fi
exit $status
