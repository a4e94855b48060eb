#!/bin/sh
# A Debian root standing in for the official python:X-slim image, which cannot be pulled here:
# Debian's own Python as `python` on PATH, pip free to install system-wide, CA certificates,
# no curl. Usage: python-slim-root.sh ROOT SUITE MIRROR
set -eu
root=$1 suite=$2 mirror=$3

debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates \
    "$suite" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -n 40 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"

# The official image's names for the interpreter and pip.
ln -s /usr/bin/python3 "$root/usr/local/bin/python"
ln -s /usr/bin/pip3 "$root/usr/local/bin/pip"
# Debian marks its Python externally managed; the official image lets pip install system-wide.
rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
# As in Debian's own images: no package lists or downloaded packages left behind.
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log
