#!/usr/bin/env bash
# Writes the secret files Aspirate's base reads (base/NAME/.NAME.secrets, KEY=VALUE lines; .gitignore keeps them out of git)
# from the five credentials, taken from the environment: ROMAPI_POSTGRES_PASSWORD, ROMAPI_CACHE_PASSWORD,
# ROMAPI_SEARCH_PASSWORD, ROMAPI_JWT_SIGNING_KEY, ROMAPI_ADMIN_PASSWORD (fill them from your secret store). With --generate,
# a missing one gets a fresh random value (letters and digits, the lengths the AppHost's parameters ask for).
# The variable names and connection strings are the manifest's (aspire-manifest.json); a test checks that they still match.
#   deploy/secrets.sh [--generate] [BASE_DIR]     (BASE_DIR defaults to deploy/base beside this script)
set -euo pipefail
generate=false
if [ "${1:-}" = "--generate" ]; then generate=true; shift; fi
base=${1:-"$(dirname "$0")/base"}

value() { # NAME LENGTH
  local name=$1 length=$2
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; return; fi
  # tr ends on SIGPIPE once head has enough: not a failure.
  if $generate; then (LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom || true) | head -c "$length"; return; fi
  echo "secrets.sh: $name is not set (or pass --generate)" >&2
  exit 1
}
postgres=$(value ROMAPI_POSTGRES_PASSWORD 32)
cache=$(value ROMAPI_CACHE_PASSWORD 32)
search=$(value ROMAPI_SEARCH_PASSWORD 32)
signing=$(value ROMAPI_JWT_SIGNING_KEY 48)
admin=$(value ROMAPI_ADMIN_PASSWORD 24)

db() { printf 'Host=postgres;Port=5432;Username=postgres;Password=%s;Database=%s' "$postgres" "$1"; }
redis="cache:6379,password=$cache"
platform="SigningKey=$signing"
identity="SigningKey=$signing;AdminPassword=$admin"

write() { # RESOURCE then KEY=VALUE lines on stdin
  umask 077
  cat >"$base/$1/.$1.secrets"
}
write postgres <<<"POSTGRES_PASSWORD=$postgres"
write cache <<<"ConnectionStrings__redis_password=$cache"
write search <<<"ConnectionStrings__elastic_password=$search"
# A connection string under its resource's name; a name with a dash also under its underscore spelling (both are read).
connection() { # NAME VALUE
  printf 'ConnectionStrings__%s=%s\n' "$1" "$2"
  if [ "$1" != "${1//-/_}" ]; then printf 'ConnectionStrings__%s=%s\n' "${1//-/_}" "$2"; fi
}
write analyticsservice < <(connection analyticsdb "$(db analyticsdb)"; connection platform-auth "$platform")
write resourceservice < <(connection resourcedb "$(db resourcedb)"; connection cache "$redis"; connection platform-auth "$platform")
write searchservice < <(connection search "http://elastic:$search@search:9200"; connection cache "$redis"; connection platform-auth "$platform")
write gateway < <(connection identitydb "$(db identitydb)"; connection cache "$redis"; connection identity-secrets "$identity")
echo "Wrote 7 secret files under $base"
