#!/usr/bin/env bash
# Builds the four service images as OCI archives with the .NET SDK's own container support: no Docker, no daemon.
# The base image (mcr.microsoft.com/dotnet/aspnet, the SDK picks the tag for the target framework) is pulled from its
# registry, so that registry must be reachable. Archives land in OUT (default bench/out/images); load them with
# `skopeo copy oci-archive:FILE docker://REGISTRY/NAME:TAG`, or push directly instead: see docs/DEPLOY.md.
#   tools/build-images.sh [TAG] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-1.0.0}
out=$(realpath -m "${2:-bench/out/images}")
mkdir -p "$out"
for project in Gateway ResourceService SearchService AnalyticsService; do
  name=$(tr '[:upper:]' '[:lower:]' <<<"$project")
  dotnet publish "RomApi.$project" -c Release -nologo -v q -t:PublishContainer \
    -p:ContainerRepository="$name" -p:ContainerImageTag="$tag" \
    -p:ContainerArchiveOutputPath="$out/$name-$tag.tar.gz"
done
ls -l "$out"
