#!/usr/bin/env bash
# Requests per second of the main page types with the page cache (hits) and without it
# (PAGE_CACHE_SECONDS=0), against a bare view through the same middleware, on gunicorn pinned
# apart from wrk (server on core 0, wrk on core 1). Ratios matter; absolute numbers drift.
# Usage: bench/page_cache.sh [seconds]
#   DATABASE_URL=postgres://… to measure PostgreSQL (content must be there: load_demo);
#   REDIS_URL=redis://127.0.0.1:6379/N for Redis, else the file cache under VAR_DIR.
# Needs wrk (Debian: apt-get install wrk). Only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_URL=${1:-10}
PORT=${PORT:-8766}
WORK=$(mktemp -d)
export DJANGO_ENV=production SECRET_KEY=bench-only-$(date +%s)-not-a-real-key-xxxxxxxxxxxxxxxxxxxxxxxxxx
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false BEHIND_TLS_PROXY=false
export VAR_DIR=${VAR_DIR:-$WORK} STATIC_ROOT=$WORK/static MEDIA_ROOT=${MEDIA_ROOT:-$WORK/uploads}
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
[ "$($PY manage.py shell -v0 -c "from news.models import Article; print(Article.objects.exists())")" = True ] \
  || $PY manage.py load_demo -v0
slug=$($PY manage.py shell -v0 -c "from news.models import Article; print(Article.objects.published().in_language('en').first().slug)")
category=$($PY manage.py shell -v0 -c "from news.models import Article; print(Article.objects.published().in_language('en').first().category.slug)")

GPID=""
trap '[ -n "$GPID" ] && kill $GPID 2>/dev/null; rm -rf "$WORK"' EXIT
serve() {  # serve PAGE_CACHE_SECONDS
  [ -n "$GPID" ] && { kill $GPID; wait $GPID 2>/dev/null || true; }
  PAGE_CACHE_SECONDS=$1 taskset -c 0 .venv/bin/gunicorn bench.page_cache_wsgi --bind 127.0.0.1:$PORT \
    --workers 1 --no-control-socket --log-level warning 2>>"$WORK/gunicorn.log" &
  GPID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/bench-bare/" >/dev/null && break; sleep 0.2; done
}
measure() {  # measure LABEL PATH BASE_RPS
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$2"  # the first request stores the page
  out=$(taskset -c 1 wrk -t1 -c4 -d"${SECONDS_PER_URL}s" --latency "http://127.0.0.1:$PORT$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  ratio=$(awk -v a="$rps" -v b="${3:-$rps}" 'BEGIN {printf "%.2f", a/b}')
  printf '%-10s %-60s %10s %10s %8s %s\n' "$1" "$2" "$rps" "$p99" "$ratio" "${non2xx:+non-2xx: $non2xx}"
  last=$rps
}

printf '%-10s %-60s %10s %10s %8s\n' cache URL req/s p99 "÷bare"
for seconds in 600 0; do
  serve $seconds
  label=$([ "$seconds" = 0 ] && echo off || echo on)
  for path in / /news/ "/news/?category=$category" "/news/$slug/" "/news/$slug/print/" /portfolio/ \
    /media-center/ /ru/news/ "/search/?q=cluster" /news/feed/ /sitemap.xml; do
    # The bare view right before each page: the machine's load drifts between runs.
    measure "$label" /bench-bare/ ""
    measure "$label" "$path" "$last"
  done
done
