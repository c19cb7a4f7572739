"""gunicorn settings for Lantana: `gunicorn --config deploy/gunicorn.conf.py lantana.wsgi`.

Under systemd the socket comes from lantana-gunicorn.socket and `bind` is unused;
deploy/smoke.sh passes --bind for its own socket.
"""

import multiprocessing
import os

bind = [os.environ.get("GUNICORN_BIND", "unix:/run/lantana-gunicorn.sock")]
# WEB_CONCURRENCY overrides; sync workers are right for a site whose pages are
# short database reads behind nginx's buffering.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# gunicorn's sync worker, serving from a stack that never maps and unmaps a chunk
# per request (lantana/workers.py: two milliseconds of an article page on 3.11).
worker_class = "lantana.workers.SyncWorker"
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200

# Logs go to stdout/stderr, i.e. the journal under systemd. The access line has
# the method, the path WITHOUT its query string (search terms, tokens), the status,
# bytes and milliseconds: no query, no referrer, no user agent, never a body.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
