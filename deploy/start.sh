#!/bin/sh
# Starts Engage the same way in the container, under systemd and by hand: refuse to run as root,
# check the settings (engage config fails on a misspelt key or a bad value), then serve.
set -eu
if [ "$(id -u)" = "0" ]; then
  echo "engage-start: refusing to run as root; run as an unprivileged user (the image uses 'engage')" >&2
  exit 1
fi
engage config >/dev/null
exec engage serve "$@"
