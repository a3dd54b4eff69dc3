"""gunicorn's settings in production: `gunicorn -c config/gunicorn_conf.py config.wsgi`.

Sized for the province's app server, 2 cores that also run the document worker (and, on
a one-machine installation, PostgreSQL):

- workers: 2 per core + 1 (5 on 2 cores). A request spends part of its time waiting for
  PostgreSQL; the extra processes fill the cores meanwhile. More would only add memory
  (each process holds the app, about 100 MB) and context switches.
- threads: 2 per worker (the gthread worker): a request that waits on the database or on
  a slow client (an upload coming in over a provincial line) no longer holds a whole
  process, so a short page is not queued behind it. Python's GIL keeps CPU work to one
  thread at a time per process, so more threads would not add throughput.
- keepalive 75 s: an idle keep-alive connection is kept longer than a person pauses
  between clicks and longer than a load balancer's idle timeout (60 s by default in
  nginx and the clouds' balancers). With gunicorn's 2 s, a request sent on a connection
  at the moment the server closes it fails without an answer (seen in the load test as
  failed requests with no HTTP status). An idle connection costs a socket in the
  worker's poller, not a thread.
- max_requests (with jitter): each worker is replaced after about 2,000 requests, which
  bounds the memory a long-lived process gathers (WeasyPrint, large uploads) without
  every worker restarting at the same moment.
- The database connection of each thread stays open between requests (CONN_MAX_AGE in
  config/settings.py, 60 s by default, with a health check): no new PostgreSQL
  connection, TLS handshake and `SET app.province` per request.

WEB_WORKERS, WEB_THREADS override the sizes; BIND the address (127.0.0.1:8000).
"""

import os

_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", 2 * _cores + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "2"))
keepalive = 75
max_requests = 2000
max_requests_jitter = 200
timeout = 60
graceful_timeout = 20
