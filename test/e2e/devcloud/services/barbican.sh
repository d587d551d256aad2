#!/bin/bash
# Barbican (key-manager) on the running devcloud: barbican-api under uwsgi on 127.0.0.1:9311, with the simple crypto
# plugin (secrets encrypted by a key-encryption key in barbican.conf), on the devcloud's MariaDB (database barbican).
# No worker: with [queue] enable = false the API runs orders itself, which is all the e2e suites ask of it.
# Idempotent; runnable alone: bash test/e2e/devcloud/services/barbican.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/support/debian-service.sh"

BARBICAN_URL=http://127.0.0.1:9311
# Barbican parses its configuration at import without a command line: it reads only oslo.config's default search
# path (~/.barbican/barbican.conf first), so its processes get a HOME whose .barbican/ is ours.
BARBICAN_HOME=$STATE/etc/barbican-home
barbican_answers() { http_answers "$BARBICAN_URL/"; }
if is_running barbican-api && [ -f "$STATE/run/barbican.done" ] && barbican_answers; then
  say "barbican already up"
  exit 0
fi
[ -f "$STATE/clouds.yaml" ] || die "the devcloud is not up (no $STATE/clouds.yaml): run test/e2e/devcloud/up.sh first"
t=$(date +%s)

mkdir -p "$BARBICAN_HOME/.barbican"
# A fixed, throwaway key-encryption key (32 random bytes, base64, as Fernet wants): generated once per state folder,
# so secrets stored before a restart stay readable after it.
[ -f "$STATE/data/barbican-kek" ] || { mkdir -p "$STATE/data" && openssl rand -base64 32 > "$STATE/data/barbican-kek"; }
{
  cat <<CONF
[DEFAULT]
sql_connection = $DB_URL_C/barbican
host_href = $BARBICAN_URL
use_stderr = true
# The page size Barbican allows at most (its default); stacksweep asks for it.
max_limit_paging = 100
[queue]
enable = false
[secretstore]
enabled_secretstore_plugins = store_crypto
[crypto]
enabled_crypto_plugins = simple_crypto
[simple_crypto_plugin]
kek = $(cat "$STATE/data/barbican-kek")
[keystone_notifications]
# Off, as Barbican ships: with it on, barbican-keystone-listener deletes a deleted project's secrets itself.
enable = false
[oslo_messaging_notifications]
driver = noop
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
CONF
  authtoken_section barbican
} > "$BARBICAN_HOME/.barbican/barbican.conf"
# Only what the API serves: version discovery unauthenticated, /v1 behind keystonemiddleware.
cat > "$BARBICAN_HOME/.barbican/barbican-api-paste.ini" <<'INI'
[composite:main]
use = egg:Paste#urlmap
/: barbican_version
/v1: barbican_api_keystone

[pipeline:barbican_version]
pipeline = http_proxy_to_wsgi microversion versionapp

[pipeline:barbican_api_keystone]
pipeline = http_proxy_to_wsgi authtoken context microversion apiapp

[app:apiapp]
paste.app_factory = barbican.api.app:create_main_app

[app:versionapp]
paste.app_factory = barbican.api.app:create_version_app

[filter:context]
paste.filter_factory = barbican.api.middleware.context:ContextMiddleware.factory

[filter:microversion]
paste.filter_factory = barbican.api.middleware.microversion:MicroversionMiddleware.factory

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory

[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
INI
cat > "$STATE/wsgi/barbican.py" <<PYTHON
import os
os.environ['HOME'] = '$BARBICAN_HOME'
from paste import deploy
application = deploy.loadapp('config:$BARBICAN_HOME/.barbican/barbican-api-paste.ini', name='main')
PYTHON
write_launcher barbican-manage barbican.cmd.barbican_manage

SQL -e "CREATE DATABASE IF NOT EXISTS barbican"
if [ ! -f "$STATE/data/dbsync-barbican.done" ]; then
  HOME=$BARBICAN_HOME "$STATE/bin/barbican-manage" db upgrade > "$STATE/log/dbsync-barbican.log" 2>&1 ||
    { show_log dbsync-barbican 20; die "barbican-manage db upgrade failed"; }
  touch "$STATE/data/dbsync-barbican.done"
fi

if [ ! -f "$STATE/run/barbican-identity.done" ]; then
  register_service barbican key-manager "$BARBICAN_URL"
  # creator: the role Barbican's policy lets store secrets without admin; the e2e suites' project users get it.
  "${OPENSTACK_ADMIN[@]}" role show creator > /dev/null 2>&1 || "${OPENSTACK_ADMIN[@]}" role create creator > /dev/null
  touch "$STATE/run/barbican-identity.done"
fi

# One process, two threads: a request-per-second load; uwsgi's master restarts a worker that dies.
BARBICAN_API=("${UWSGI[@]}" --threads 2 --processes 1 --http-socket 127.0.0.1:9311
  --wsgi-file "$STATE/wsgi/barbican.py" --procname-prefix devcloud-barbican-)
# The whole path answers: Keystone, barbican-api and its database, with a secret listing as admin.
secrets_listed() { "${OPENSTACK_ADMIN[@]}" secret list --limit 1 > /dev/null; }
ensure_service barbican-api 90 barbican_answers -- "${BARBICAN_API[@]}"
wait_until barbican-api 60 secrets_listed || { show_log barbican-api 40; die "barbican-api does not list secrets"; }
touch "$STATE/run/barbican.done"
timing barbican_start_s $(($(date +%s) - t))
say "barbican up in $(($(date +%s) - t))s: $BARBICAN_URL"
