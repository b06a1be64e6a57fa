#!/usr/bin/env bash
# Requests per second of the main pages (news, portfolio, media center, search) against a bare
# view, on gunicorn, pinned apart: the server on core 0, wrk on core 1. Ratios matter; absolute
# numbers drift with the machine.
# Usage: bench/pages.sh [seconds]   (DATABASE_URL=postgres://… to measure PostgreSQL)
# Needs wrk (Debian: apt-get install wrk).
# Only ever targets 127.0.0.1; each wrk run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_URL=${1:-10}
PORT=8765
WORK=$(mktemp -d)
export DJANGO_ENV=production SECRET_KEY=bench-only-$(date +%s)-not-a-real-key-xxxxxxxxxxxxxxxxxxxxxxxxxx
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false BEHIND_TLS_PROXY=false
export VAR_DIR=${VAR_DIR:-$WORK} STATIC_ROOT=$WORK/static MEDIA_ROOT=$WORK/uploads
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }

$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
# Demo content is loaded only into an empty database; production mode refuses load_demo's admin
# step, so load the content directly.
$PY manage.py load_demo -v0
slug=$($PY manage.py shell -v0 -c "from news.models import Article; print(Article.objects.published().first().slug)")

taskset -c 0 .venv/bin/gunicorn clusterportal.wsgi --bind 127.0.0.1:$PORT --workers 1 \
  --no-control-socket --log-level warning 2>"$WORK/gunicorn.log" &
GPID=$!
trap 'kill $GPID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

printf '%-40s %10s %10s %8s\n' URL req/s p99 ratio
base=""
pslug=$($PY manage.py shell -v0 -c "from portfolio.models import Entry; print(Entry.objects.published().filter(gallery__isnull=False).first().slug)")
for path in /healthz / /news/ "/news/?category=gmp-news" "/news/$slug/" "/news/$slug/print/" /portfolio/ "/portfolio/$pslug/" \
  /media-center/ "/search/?q=cluster" "/search/?q=sterile+injectables" "/search/?q=%D0%BE%D1%82%D1%87%D1%91%D1%82"; do
  out=$(taskset -c 1 wrk -t1 -c4 -d"${SECONDS_PER_URL}s" --latency "http://127.0.0.1:$PORT$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -n "$base" ] || base=$rps
  ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN {printf "%.2f", a/b}')
  printf '%-40s %10s %10s %8s %s\n' "$path" "$rps" "$p99" "$ratio" "${non2xx:+non-2xx: $non2xx}"
done
