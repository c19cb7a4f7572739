#!/bin/sh
# manage.py with exactly the services' environment, e.g.
#   sudo -u lantana /srv/lantana/deploy/manage.sh migrate
# LANTANA_ENV_FILE names another environment file (deploy/smoke.sh uses its own).
set -eu
app=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
env_file=${LANTANA_ENV_FILE:-/etc/lantana/lantana.env}
if [ ! -r "$env_file" ]; then
    echo "manage.sh: cannot read $env_file (run it as the lantana user)" >&2
    exit 1
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
cd "$app"
exec "$app/.venv/bin/python" manage.py "$@"
