#!/usr/bin/env bash
# Build the Dockerfile and run `paddock check` in the image: the image installs, carries the
# car catalogue, runs as a non-root user with a /data volume, and its check passes.
# Needs a Docker daemon and the network (the base image from Docker Hub, dependencies from
# PyPI). Without a daemon it says "skipped" and exits 0; not part of `pytest`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
    echo "skipped: docker is not installed"
    exit 0
fi
if ! reason=$(docker info 2>&1 >/dev/null); then
    echo "skipped: no Docker daemon answers (${reason//$'\n'/ })"
    exit 0
fi

tag="paddock-check:$$"
trap 'docker image rm --force "$tag" >/dev/null 2>&1 || true' EXIT

echo "building $tag"
DOCKER_BUILDKIT=1 docker build --quiet --tag "$tag" . >/dev/null

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

user=$(docker run --rm --entrypoint id "$tag" -u)
[ "$user" != 0 ] || fail "the image runs as root"
volumes=$(docker image inspect --format '{{json .Config.Volumes}}' "$tag")
[[ "$volumes" == *'"/data"'* ]] || fail "no /data volume ($volumes)"

# A token is needed for `check` to pass; it is never sent anywhere (check stays offline).
report=$(docker run --rm --network none --env DISCORD_TOKEN=check-only "$tag" check) \
    || fail "check failed in the image:"$'\n'"$report"
echo "$report"
grep -q '^check passed$' <<<"$report" || fail "no 'check passed' in the report"
grep -q 'site-packages/bot/catalogue' <<<"$report" \
    || fail "the catalogue did not come from the installed package"
grep -q 'PADDOCK_DATABASE: /data/paddock.db' <<<"$report" \
    || fail "the database is not in the /data volume"

size=$(docker image inspect --format '{{.Size}}' "$tag")
echo "image: $((size / 1024 / 1024)) MiB, user $user, volume /data: ok"
