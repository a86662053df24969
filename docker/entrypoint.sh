#!/bin/sh
# Starts one Samsyn process from the image:
#   api     HTTP API and the built client on one port; runs pending migrations at start
#   worker  BullMQ reminder delivery and reconciler (no HTTP); needs DATABASE_URL and REDIS_URL
# Anything else runs as given (e.g. `sh`). `exec` lets node receive the container's stop signal.
set -eu
cd /app
[ "$#" -eq 0 ] && set -- api

case "$1" in
  api)
    shift
    exec node dist/apps/api/main.js "$@"
    ;;
  worker)
    shift
    exec node dist/apps/worker/main.js "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
