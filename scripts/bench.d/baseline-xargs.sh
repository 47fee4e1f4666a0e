#!/usr/bin/env bash
# The baseline Rotor is compared with: revocations as a platform team scripts them today, with
# xargs -P and curl. One access token per credential, fetched up front; every revocation a curl
# with --retry, which repeats on 429, 5xx and timeouts (honouring Retry-After).
#
# usage: baseline-xargs.sh BASE_URL CREDENTIALS TARGETS CONCURRENCY RESULTS
#   CREDENTIALS  lines "clientId clientSecret"
#   TARGETS      lines "clientId federationSettingsId identityProviderId", in the order to go
#   RESULTS      written: one line "http_code federationSettingsId identityProviderId" per target
# CONCURRENCY 1 is the one-call-at-a-time loop.
set -euo pipefail

url="$1" credentials="$2" targets="$3" concurrency="$4" results="$5"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One token per credential, a few at a time (the token endpoint has its own limit).
fetch_token() {
  local id="$1" secret="$2"
  local body
  body="$(curl -sS --fail --retry 5 --max-time 30 -u "$id:$secret" \
    -d grant_type=client_credentials "$url/api/oauth/token")"
  printf '%s %s\n' "$id" "$(sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/' <<<"$body")"
}
export -f fetch_token
export url
xargs -P 8 -L 1 bash -c 'fetch_token "$0" "$1"' <"$credentials" >"$work/tokens"

# Join the targets with the tokens, then revoke.
awk 'NR==FNR { token[$1] = $2; next } { print token[$1], $2, $3 }' \
  "$work/tokens" "$targets" >"$work/jobs"

revoke() {
  local token="$1" fs="$2" idp="$3"
  local code
  # The body goes to the pipe, not -o /dev/null: with --retry, curl truncates its output file
  # before each retry and fails on /dev/null (curl: (23) Failed to truncate file).
  code="$(curl -s -w '\n%{http_code}' -X DELETE \
    --retry 8 --retry-max-time 120 --max-time 10 \
    -H "Authorization: Bearer $token" \
    -H 'Accept: application/vnd.atlas.2023-11-15+json' \
    "$url/api/atlas/v2/federationSettings/$fs/identityProviders/$idp/jwks" | tail -n 1 || true)"
  printf '%s %s %s\n' "$code" "$fs" "$idp"
}
export -f revoke
xargs -P "$concurrency" -L 1 bash -c 'revoke "$0" "$1" "$2"' <"$work/jobs" >"$results"
