#!/usr/bin/env bash
# Production smoke test on loopback: the deploy/ files running for real.
#
# A throwaway PostgreSQL database, migrate, demo content, collectstatic, gunicorn
# with production settings on a unix socket behind nginx (deploy/nginx rendered for
# loopback ports, a self-signed certificate), two live-chat uvicorn processes (the
# command of deploy/systemd/lantana-chat@.service) sharing the Redis channel layer,
# the task worker and a local SMTP sink; then deploy/smoke_check.py plays visitor
# and intake inbox, and deploy/smoke_chat.py a live chat through nginx. Everything
# is removed on exit. Run from anywhere: deploy/smoke.sh (after make install).
#
# SMOKE_HTTPS_PORT (8243), SMOKE_HTTP_PORT (8280), SMOKE_SMTP_PORT (8225),
# SMOKE_CHAT_PORT (8291, and the next port: the two uvicorn processes),
# SMOKE_CHANNEL_REDIS_URL (redis://127.0.0.1:6379/1), SMOKE_REDIS_URL (the cache,
# redis://127.0.0.1:6379/2, emptied first) and
# SMOKE_POSTGRES (postgres://postgres@127.0.0.1:5432) override the defaults;
# SMOKE_KEEP=1 keeps the temporary folder and database for a post-mortem.
set -euo pipefail

APP=$(cd "$(dirname "$0")/.." && pwd)
PY="$APP/.venv/bin/python"
HTTPS_PORT=${SMOKE_HTTPS_PORT:-8243}
HTTP_PORT=${SMOKE_HTTP_PORT:-8280}
SMTP_PORT=${SMOKE_SMTP_PORT:-8225}
CHAT_PORT=${SMOKE_CHAT_PORT:-8291}
CHAT_PORTS="$CHAT_PORT $((CHAT_PORT + 1))"
CHANNEL_REDIS_URL=${SMOKE_CHANNEL_REDIS_URL:-redis://127.0.0.1:6379/1}
CACHE_REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/2}
POSTGRES=${SMOKE_POSTGRES:-postgres://postgres@127.0.0.1:5432}
HOST=localhost
# Fresh lead keys per run; the demo load (smoke settings) writes under the same ones.
LEAD_KEY=$(openssl rand -base64 32 | tr "+/" "-_")
LEAD_INDEX_KEY=$(openssl rand -hex 32)

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
step() { echo "smoke: [${SECONDS}s] $*"; }

for tool in nginx openssl psql curl python3; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install nginx openssl postgresql-client curl)"
done
[ -x "$PY" ] || fail "$PY is missing: run make install first"
"$PY" -c "import aiosmtpd, gunicorn" 2>/dev/null || fail "aiosmtpd or gunicorn missing from .venv (pip install -e '.[test]')"
# shellcheck disable=SC2086
for port in "$HTTPS_PORT" "$HTTP_PORT" "$SMTP_PORT" $CHAT_PORTS; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        fail "port $port on 127.0.0.1 is already in use"
    fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lantana-smoke.XXXXXX")
# nginx's workers run unprivileged: they must read the files and reach the socket.
chmod 0755 "$TMP"
DB="lantana_smoke_$(basename "$TMP" | tr -cd 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
PIDS=()
CHAT_PIDS=()
DB_CREATED=

cleanup() {
    status=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "$status" -ne 0 ]; then
        for log in "$TMP"/logs/*.log; do
            [ -s "$log" ] || continue
            echo "----- last lines of $(basename "$log") -----" >&2
            tail -n 25 "$log" >&2
        done
    fi
    if [ "${SMOKE_KEEP:-}" = 1 ]; then
        echo "smoke: kept $TMP and database $DB" >&2
    else
        if [ -n "$DB_CREATED" ]; then
            psql "$POSTGRES/postgres" -qAtc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null \
                || echo "smoke: could not drop database $DB" >&2
        fi
        rm -rf "$TMP"
    fi
    if [ "$status" -eq 0 ]; then echo "smoke: passed"; else echo "smoke: FAILED (exit $status)" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP/logs" "$TMP/media" "$TMP/static" "$TMP/acme" "$TMP/nginx"
chmod 0755 "$TMP"/*

step "1. throwaway database $DB"
psql "$POSTGRES/postgres" -qAtc "CREATE DATABASE $DB" >/dev/null || fail "cannot create database $DB on $POSTGRES"
DB_CREATED=1
DATABASE_URL="$POSTGRES/$DB"

step "2. environment file: deploy/lantana.env.example + loopback values"
ENV_FILE="$TMP/lantana.env"
SECRET=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
{
    cat "$APP/deploy/lantana.env.example"
    echo
    echo "# ---- deploy/smoke.sh: loopback values ----"
    echo "SECRET_KEY=$SECRET"
    echo "ALLOWED_HOSTS=$HOST"
    echo "CSRF_TRUSTED_ORIGINS=https://$HOST:$HTTPS_PORT"
    echo "WAGTAILADMIN_BASE_URL=https://$HOST:$HTTPS_PORT"
    echo "DATABASE_URL=$DATABASE_URL"
    echo "STATIC_ROOT=$TMP/static"
    echo "MEDIA_ROOT=$TMP/media"
    echo "EMAIL_HOST=127.0.0.1"
    echo "EMAIL_PORT=$SMTP_PORT"
    echo "EMAIL_USE_TLS=false"
    echo "LEAD_NOTIFY_EMAILS=intake@lantana.example"
    echo "WEB_CONCURRENCY=2"
    echo "REDIS_URL=$CACHE_REDIS_URL"
    echo "CHANNEL_REDIS_URL=$CHANNEL_REDIS_URL"
    echo "LEAD_ENCRYPTION_KEYS=$LEAD_KEY"
    echo "LEAD_BLIND_INDEX_KEY=$LEAD_INDEX_KEY"
} >"$ENV_FILE"
grep -qx "DJANGO_SETTINGS_MODULE=lantana.settings.production" "$ENV_FILE" || fail "the env example does not select production settings"
grep -qx "TRUSTED_PROXY_COUNT=1" "$ENV_FILE" || fail "the env example does not trust the one nginx proxy"
grep -q "^CHANNEL_REDIS_URL=redis://" "$APP/deploy/lantana.env.example" || fail "the env example names no CHANNEL_REDIS_URL"
grep -q "^REDIS_URL=redis://" "$APP/deploy/lantana.env.example" || fail "the env example names no REDIS_URL (the shared cache)"
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).flushdb()" \
    "$CACHE_REDIS_URL" 2>/dev/null || fail "Redis does not answer at $CACHE_REDIS_URL (SMOKE_REDIS_URL)"
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).ping()" \
    "$CHANNEL_REDIS_URL" 2>/dev/null || fail "Redis does not answer at $CHANNEL_REDIS_URL (SMOKE_CHANNEL_REDIS_URL)"
export LANTANA_ENV_FILE="$ENV_FILE"
MANAGE="$APP/deploy/manage.sh"

step "3. migrate (production settings)"
"$MANAGE" migrate --noinput -v 0 >"$TMP/logs/migrate.log" 2>&1 || fail "migrate failed"

step "4. demo content (production settings plus the demo app, same database; logins kept in $TMP)"
(
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
    cd "$APP"
    DJANGO_SETTINGS_MODULE=deploy.smoke_settings DEMO_LOGIN_DIR="$TMP" "$PY" manage.py load_demo
) >"$TMP/logs/load_demo.log" 2>&1 || fail "load_demo failed"

step "5. collectstatic (production settings)"
"$MANAGE" collectstatic --noinput -v 0 >"$TMP/logs/collectstatic.log" 2>&1 || fail "collectstatic failed"

step "6. check --deploy --fail-level WARNING under the env file"
if ! "$MANAGE" check --deploy --fail-level WARNING >"$TMP/logs/check.log" 2>&1; then
    fail "check --deploy: $(cat "$TMP/logs/check.log")"
fi
if grep -v -E '^System check identified no issues \([0-9]+ silenced\)\.$' "$TMP/logs/check.log" | grep -q .; then
    fail "check --deploy printed more than its all-clear: $(cat "$TMP/logs/check.log")"
fi

step "7. self-signed certificate for $HOST"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
    -addext "subjectAltName=DNS:$HOST,IP:127.0.0.1" \
    -keyout "$TMP/nginx/key.pem" -out "$TMP/nginx/cert.pem" >"$TMP/logs/openssl.log" 2>&1 \
    || fail "openssl could not make a certificate"

step "8. SMTP sink on 127.0.0.1:$SMTP_PORT, gunicorn, live chat on $CHAT_PORTS, worker"
"$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$TMP/maildir" \
    >"$TMP/logs/smtp.log" 2>&1 &
PIDS+=($!)
(
    cd "$APP"
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    set +a
    exec "$APP/.venv/bin/gunicorn" --config "$APP/deploy/gunicorn.conf.py" \
        --bind "unix:$TMP/gunicorn.sock" lantana.wsgi
) >"$TMP/logs/gunicorn.log" 2>&1 &
PIDS+=($!)
# The live-chat unit's own command line, for each port (%i) and this checkout.
CHAT_COMMAND=$(sed -n 's/^ExecStart=//p' "$APP/deploy/systemd/lantana-chat@.service")
[ -n "$CHAT_COMMAND" ] || fail "no ExecStart in lantana-chat@.service"
for port in $CHAT_PORTS; do
    (
        cd "$APP"
        set -a
        # shellcheck disable=SC1090
        . "$ENV_FILE"
        set +a
        command=${CHAT_COMMAND//\/srv\/lantana/$APP}
        # shellcheck disable=SC2086
        exec ${command//%i/$port}
    ) >"$TMP/logs/uvicorn-$port.log" 2>&1 &
    PIDS+=($!)
    CHAT_PIDS+=($!)
done
"$MANAGE" db_worker --queue-name='*' --no-reload >"$TMP/logs/worker.log" 2>&1 &
PIDS+=($!)

step "9. nginx: deploy/nginx/lantana.conf.in rendered for 127.0.0.1:$HTTPS_PORT/$HTTP_PORT"
python3 "$APP/deploy/render_nginx.py" --server-name "$HOST" --listen 127.0.0.1 \
    --https-port "$HTTPS_PORT" --http-port "$HTTP_PORT" \
    --certificate "$TMP/nginx/cert.pem" --certificate-key "$TMP/nginx/key.pem" \
    --static-root "$TMP/static" --media-root "$TMP/media" --socket "$TMP/gunicorn.sock" \
    --log-dir "$TMP/logs" --acme-root "$TMP/acme" --cache-dir "$TMP/nginx/cache" \
    --chat-servers "127.0.0.1:$CHAT_PORT,127.0.0.1:$((CHAT_PORT + 1))" >"$TMP/nginx/lantana.conf"
# The main context a Debian nginx.conf would give, pointed into $TMP.
cat >"$TMP/nginx/nginx.conf" <<CONF
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/logs/nginx-error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    include $TMP/nginx/lantana.conf;
}
CONF
nginx -t -q -c "$TMP/nginx/nginx.conf" -e "$TMP/logs/nginx-error.log" || fail "nginx rejects the rendered config"
nginx -c "$TMP/nginx/nginx.conf" -e "$TMP/logs/nginx-error.log" -g 'daemon off;' &
PIDS+=($!)

step "10. waiting for https://$HOST:$HTTPS_PORT/"
for _ in $(seq 1 60); do
    if curl -sf -o /dev/null --cacert "$TMP/nginx/cert.pem" "https://$HOST:$HTTPS_PORT/"; then
        break
    fi
    for pid in "${PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || fail "a process (pid $pid) died while starting"
    done
    sleep 1
done
curl -sf -o /dev/null --cacert "$TMP/nginx/cert.pem" "https://$HOST:$HTTPS_PORT/" \
    || fail "the site did not answer through nginx within 60 s"

step "11. visitor and intake checks"
mkdir -p "$TMP/acme/.well-known/acme-challenge" && chmod -R 0755 "$TMP/acme"
echo "acme-smoke" >"$TMP/acme/.well-known/acme-challenge/probe"
"$PY" "$APP/deploy/smoke_check.py" \
    --https "https://$HOST:$HTTPS_PORT" --http "http://$HOST:$HTTP_PORT" \
    --cafile "$TMP/nginx/cert.pem" --manage "$MANAGE" --maildir "$TMP/maildir" \
    --media-root "$TMP/media" --access-log "$TMP/logs/lantana.access.log" \
    --app-log "$TMP/logs/gunicorn.log"

step "12. live chat through nginx (WebSockets to uvicorn on $CHAT_PORTS)"
for port in $CHAT_PORTS; do
    for _ in $(seq 1 30); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.5
    done
done
# shellcheck disable=SC2046
"$PY" "$APP/deploy/smoke_chat.py" --https "https://$HOST:$HTTPS_PORT" \
    --cafile "$TMP/nginx/cert.pem" --manage "$MANAGE" \
    --log "$TMP/logs/lantana.access.log" --log "$TMP/logs/gunicorn.log" \
    $(for port in $CHAT_PORTS; do printf -- '--log %s ' "$TMP/logs/uvicorn-$port.log"; done)

step "13. one live-chat process stopped: nginx sends new sockets to the other"
kill "${CHAT_PIDS[0]}"
wait "${CHAT_PIDS[0]}" 2>/dev/null || true
"$PY" "$APP/deploy/smoke_chat.py" --https "https://$HOST:$HTTPS_PORT" \
    --cafile "$TMP/nginx/cert.pem" --manage "$MANAGE" --routing-only
